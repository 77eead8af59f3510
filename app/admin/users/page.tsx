import type { Metadata } from "next";
import { type AdminUserRow, UserAdmin } from "@/components/user-admin";
import { loadUsers } from "@/lib/auth/list-users";
import { ROLE_NAMES, type Role } from "@/lib/auth/roles";
import { requireSession } from "@/lib/auth/session";
import { formatChinaDate } from "@/lib/china-time";
import { findRegionByCode } from "@/lib/regions";
import { formatRegionPath } from "@/lib/regions/search-regions";

export const metadata: Metadata = { title: "用户管理 · 政府信息公开年报看板" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const { user } = await requireSession({ role: "admin" });
  const users = (await loadUsers()).map((u) => {
    const region = u.regionCode ? findRegionByCode(u.regionCode) : null;
    const regionLabel = region ? formatRegionPath(region) : u.regionCode;
    const role = u.role === "admin" ? "admin" : "supervisor";
    return {
      id: u.id,
      email: u.email,
      name: u.name,
      role,
      roleName: ROLE_NAMES[u.role as Role] ?? u.role,
      regionCode: u.regionCode,
      regionLabel,
      scopeName: role === "admin" ? "全部地区" : (regionLabel ?? "无"),
      canExport: u.canExport,
      disabled: u.disabled,
      createdAt: formatChinaDate(u.createdAt),
      isSelf: u.id === user.id,
    } satisfies AdminUserRow;
  });
  return (
    <>
      <div className="page-title">
        <h1>用户管理</h1>
        <p className="muted">
          管理员可管理用户、导入和删除报告、查看全部地区；监督员只能查看（及按权限导出）所辖地区及其下级的数据。
          修改角色、地区、导出权限或密码后，该用户须重新登录。命令行：<code>npm run user -- list</code>
        </p>
      </div>
      <UserAdmin users={users} />
    </>
  );
}
