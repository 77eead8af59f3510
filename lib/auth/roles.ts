import type { Scope } from "@/lib/auth/scope";
import { findRegionByCode } from "@/lib/regions";

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

export function describeScope(user: SessionUser): string {
  if (user.role === "admin") return "全部地区";
  return user.regionCode ? (findRegionByCode(user.regionCode)?.name ?? user.regionCode) : "无";
}
