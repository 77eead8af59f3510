import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { UserNav } from "@/components/user-nav";
import { describeScope, ROLE_NAMES } from "@/lib/auth/roles";
import { findSessionUser } from "@/lib/auth/session";
import "./globals.css";
import "./access.css";
import "./print.css";

export const metadata: Metadata = {
  title: "政府信息公开年报看板",
  description: "政府信息公开工作年度报告的汇集、核验与统计分析",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await findSessionUser();
  const navUser = user
    ? {
        name: user.name,
        email: user.email,
        roleName: ROLE_NAMES[user.role],
        scopeName: describeScope(user),
        isAdmin: user.role === "admin",
      }
    : null;
  return (
    <html lang="zh-CN">
      <body>
        <header className="site-header">
          <a href="/" className="brand">
            政府信息公开年报看板
          </a>
          <UserNav user={navUser} />
        </header>
        <Providers>
          <main className="page">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
