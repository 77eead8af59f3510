import { z } from "zod";
import { HttpError, withRoute } from "@/lib/http/with-route";
import { getSourceDocument } from "@/lib/queries/agency-page";
import { attachmentHeader } from "@/lib/queries/export-table";

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

const TEXT_TYPES = /^(text\/|application\/(xhtml\+)?xml)/;

/** The original document: an attachment, or (?view=text, text documents only) its decoded text as plain text. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  return withRoute({ query: querySchema }, async ({ db, query, scope, audit }) => {
    const documentId = Number(id);
    if (!Number.isInteger(documentId) || documentId <= 0) throw new HttpError(400, "INVALID_INPUT", "文档编号有误。");
    const doc = await getSourceDocument(db, documentId, scope);
    if (!doc) throw new HttpError(404, "NOT_FOUND", "没有找到该原始文档。");
    const name = doc.fileName ?? `document-${doc.id}`;
    await audit({ action: "document.download", target: `document ${doc.id}`, filters: query, rowCount: 1 });
    if (query.view === "text") {
      const isText = TEXT_TYPES.test(doc.mediaType ?? "") || /\.(txt|html?|md|csv)$/i.test(name);
      if (!isText) throw new HttpError(415, "NOT_TEXT", "该文档不是文本格式，请下载后用相应软件打开。");
      let text: string;
      try {
        text = new TextDecoder(doc.encoding ?? "utf-8").decode(doc.content);
      } catch {
        text = new TextDecoder("utf-8").decode(doc.content);
      }
      return new Response(text, {
        headers: { ...SAFE_HEADERS, "Content-Type": "text/plain; charset=utf-8", "Content-Disposition": "inline" },
      });
    }
    return new Response(doc.content as BodyInit, {
      headers: {
        ...SAFE_HEADERS,
        "Content-Type": "application/octet-stream",
        "Content-Disposition": attachmentHeader(name, `document-${doc.id}`),
      },
    });
  })(request);
}
