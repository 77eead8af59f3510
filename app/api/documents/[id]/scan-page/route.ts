import { z } from "zod";
import { NotFoundError, requireFound, UnavailableError } from "@/lib/errors";
import { idParam } from "@/lib/http/route-params";
import { withRoute } from "@/lib/http/with-route";
import { renderScanPage } from "@/lib/ocr/render-scan-page";
import { getSourceDocument } from "@/lib/queries/agency-page";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  page: z.coerce.number({ message: "页码有误" }).int("页码有误").min(1, "页码有误").max(200, "页码有误"),
  skew: z.coerce.number({ message: "倾斜角度有误" }).min(-10, "倾斜角度有误").max(10, "倾斜角度有误").default(0),
});

/** One page of a scanned document as OCR read it (straightened, greyscale PNG), to show a flagged cell on it. */
export const GET = withRoute(
  { query: querySchema, params: z.object({ id: idParam("文档编号有误。") }) },
  async ({ db, query, params: { id }, scope }) => {
    const doc = requireFound(await getSourceDocument(db, id, scope), "没有找到该原始文档。");
    const png = await renderScanPage(doc.content, {
      fileName: doc.fileName ?? undefined,
      mediaType: doc.mediaType ?? undefined,
      page: query.page,
      skew: query.skew,
    }).catch(() => {
      throw new UnavailableError("OCR_RENDER_FAILED", "扫描页图像生成失败，请下载原始文档查看。");
    });
    if (!png) throw new NotFoundError(`该文档没有第 ${query.page} 页扫描图像。`);
    return new Response(png as BodyInit, {
      headers: {
        "Content-Type": "image/png",
        "Cache-Control": "private, max-age=3600",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
);
