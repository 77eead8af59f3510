import { z } from "zod";
import { requireFound } from "@/lib/errors";
import { idParam } from "@/lib/http/route-params";
import { withRoute } from "@/lib/http/with-route";
import { resolveLimits } from "@/lib/ingest/limits";
import { getSourceDocument, type SourceDocument } from "@/lib/queries/agency-page";
import { attachmentHeader } from "@/lib/queries/export-table";
import { formatBytes } from "@/lib/report/describe-size";
import { extractDocumentText } from "@/lib/report/document-text";
import { ReportParseError } from "@/lib/report/errors";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  view: z.enum(["text"], { message: "view 只能为 text" }).optional(),
});

// Documents come from outside: never rendered as active content in our origin. `sandbox` gives the response a
// unique opaque origin (no scripts, no cookies), nosniff stops type guessing, and the default is a download.
const SAFE_HEADERS = {
  "Content-Security-Policy": "sandbox; default-src 'none'",
  "X-Content-Type-Options": "nosniff",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "private, max-age=3600",
};

const TEXT_HEADERS = { ...SAFE_HEADERS, "Content-Type": "text/plain; charset=utf-8", "Content-Disposition": "inline" };

/** The text the parser read (never the markup), or why there is none: plain text either way, opened in a tab. */
async function respondWithText(doc: SourceDocument): Promise<Response> {
  const failed = (status: number, message: string) =>
    new Response(`${message}\n`, { status, headers: { ...TEXT_HEADERS, "Cache-Control": "no-store" } });
  const limit = resolveLimits().maxFileBytes;
  if (doc.content.byteLength > limit) {
    return failed(413, `文档超过 ${formatBytes(limit)} 上限，无法以纯文本查看，请下载后用相应软件打开。`);
  }
  try {
    const text = await extractDocumentText(doc.content, {
      fileName: doc.fileName ?? undefined,
      mediaType: doc.mediaType ?? undefined,
    });
    if (text === null) return failed(415, "该文档不是文本格式，无法以纯文本查看，请下载后用相应软件打开。");
    return new Response(text, { headers: TEXT_HEADERS });
  } catch (error) {
    if (!(error instanceof ReportParseError)) console.error(error);
    const reason = error instanceof ReportParseError ? `：${error.message}` : "";
    return failed(422, `无法提取该文档的文字${reason}。请下载原始文档后用相应软件打开。`);
  }
}

/** The original document: an attachment, or (?view=text) its text as plain text, inert in our origin. */
export const GET = withRoute(
  { query: querySchema, params: z.object({ id: idParam("文档编号有误。") }) },
  async ({ db, query, params: { id }, scope, audit }) => {
    const doc = requireFound(await getSourceDocument(db, id, scope), "没有找到该原始文档。");
    const name = doc.fileName ?? `document-${doc.id}`;
    await audit({ action: "document.download", target: `document ${doc.id}`, filters: query, rowCount: 1 });
    if (query.view === "text") return respondWithText(doc);
    return new Response(doc.content as BodyInit, {
      headers: {
        ...SAFE_HEADERS,
        "Content-Type": "application/octet-stream",
        "Content-Disposition": attachmentHeader(name, `document-${doc.id}`),
      },
    });
  },
);
