import type { Metadata } from "next";
import { ImportUploader } from "@/components/import-uploader";
import { requireSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "导入报告 · 政府信息公开年报看板" };

export default async function ImportPage() {
  await requireSession({ role: "admin" });
  return (
    <>
      <div className="page-title">
        <h1>导入报告</h1>
        <p className="muted">
          上传各机关的政府信息公开工作年度报告。同一文件重复上传不会重复入库；同一机关同一年度的新文件将作为新版本，旧版本保留可查。
          批量导入也可使用命令行：<code>npm run ingest -- 目录或压缩包</code>。
        </p>
      </div>
      <ImportUploader />
    </>
  );
}
