import { z } from "zod";
import { HttpError, withRoute } from "@/lib/http/with-route";
import { ingestUploadedFiles } from "@/lib/ingest/ingest-upload";
import { resolveLimits } from "@/lib/ingest/limits";
import { receiveUpload } from "@/lib/ingest/receive-upload";

export const dynamic = "force-dynamic";

/** Upload of one or more report files or zip archives (multipart field `file`); results per document. */
export const POST = withRoute({ query: z.object({}), role: "admin" }, async ({ request, db, audit }) => {
  const limits = resolveLimits();
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > limits.maxArchiveBytes + 1024 * 1024) {
    throw new HttpError(413, "FILE_TOO_LARGE", "上传内容超过大小上限。");
  }
  const upload = await receiveUpload(request, limits);
  try {
    const { files } = upload;
    if (files.length === 0) throw new HttpError(400, "NO_FILE", "没有收到文件：请选择要导入的报告文件或 zip 压缩包。");
    const results = await ingestUploadedFiles(db, files, limits);
    const counts: Record<string, number> = {};
    for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
    await audit({
      action: "ingest",
      target: files
        .map((f) => f.name)
        .join("、")
        .slice(0, 500),
      filters: counts,
      rowCount: results.length,
    });
    return { results };
  } finally {
    upload.cleanup();
  }
});
