import { ForbiddenError } from "@/lib/errors";
import { findRegionByCode } from "@/lib/regions";
import type { Scope } from "./scope";

export const ROLES = ["admin", "supervisor"] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_NAMES: Record<Role, string> = { admin: "管理员", supervisor: "监督员" };

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  regionCode: string | null;
  canExport: boolean;
};

export type Permission = "export";

/** The data a user may see: everything for an administrator, the own region subtree for a supervisor. */
export function scopeOfUser(user: SessionUser): Scope {
  if (user.role === "admin") return "all";
  return { regionCodes: user.regionCode ? [user.regionCode] : [] };
}

export function hasPermission(user: SessionUser, permission: Permission): boolean {
  if (user.role === "admin") return true;
  if (permission === "export") return user.canExport;
  return false;
}

const FORBIDDEN_MESSAGES: Record<Permission | Role, string> = {
  admin: "没有权限：此操作仅限管理员。",
  supervisor: "没有权限：此操作仅限监督员。",
  export: "没有权限：您的账号没有导出数据的权限，请联系管理员。",
};

/** Throws a ForbiddenError unless the user has the role. */
export function assertRole(user: SessionUser, role: Role): void {
  if (user.role !== role) throw new ForbiddenError(FORBIDDEN_MESSAGES[role]);
}

/** Throws a ForbiddenError unless the user has the permission (administrators have every one). */
export function assertPermission(user: SessionUser, permission: Permission): void {
  if (!hasPermission(user, permission)) throw new ForbiddenError(FORBIDDEN_MESSAGES[permission]);
}

export function describeScope(user: SessionUser): string {
  if (user.role === "admin") return "全部地区";
  return user.regionCode ? (findRegionByCode(user.regionCode)?.name ?? user.regionCode) : "无";
}
