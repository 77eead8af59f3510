import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "政府信息公开年报看板",
  description: "政府信息公开工作年度报告的汇集、核验与统计分析",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>
        <header className="site-header">
          <a href="/" className="brand">
            政府信息公开年报看板
          </a>
          <nav aria-label="主导航">
            <a href="/">总览</a>
            <a href="/import">导入报告</a>
          </nav>
        </header>
        <Providers>
          <main className="page">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
