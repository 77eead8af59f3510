import { SignOutButton } from "./sign-out-button";

export type NavUser = { name: string; email: string; roleName: string; scopeName: string; isAdmin: boolean };

/** Main navigation for the signed-in user: admin pages only for administrators. */
export function UserNav({ user }: { user: NavUser | null }) {
  if (!user) return null;
  return (
    <>
      <nav aria-label="主导航">
        <a href="/">总览</a>
        {user.isAdmin ? (
          <>
            <a href="/import">导入报告</a>
            <a href="/admin/users">用户管理</a>
            <a href="/admin/audit">审计日志</a>
          </>
        ) : null}
      </nav>
      <div className="user-box" data-testid="user-box">
        <a href="/account" title={`${user.email} · 我的账号与修改密码`}>
          {user.name}（{user.roleName} · {user.scopeName}）
        </a>
        <SignOutButton />
      </div>
    </>
  );
}
