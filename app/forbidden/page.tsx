import Link from "next/link";

export const metadata = { title: "没有权限 · 政府信息公开年报看板" };

export default function ForbiddenPage() {
  return (
    <div className="card state state-error" role="alert">
      <h1>没有权限</h1>
      <p>此页面仅限管理员使用。如需权限，请联系管理员。</p>
      <Link href="/">返回总览</Link>
    </div>
  );
}
