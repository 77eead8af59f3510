import sharp from "sharp";
import { renderPdfPages } from "./render-pdf-pages";

/** The page images of a scan: a PDF's pages rendered, a TIFF's pages, or the one image (`pages`: only these). */
export async function listPageImages(
  bytes: Uint8Array,
  kind: "pdf" | "image",
  opts: { timeoutMs: number; maxPages: number; pages?: number[] },
): Promise<{ page: number; png: Uint8Array }[]> {
  if (kind === "pdf") return renderPdfPages(bytes, { pages: opts.pages, timeoutMs: opts.timeoutMs });
  const meta = await sharp(bytes, { failOn: "none" }).metadata();
  const count = Math.min(meta.pages ?? 1, opts.maxPages);
  const wanted = (opts.pages ?? Array.from({ length: count }, (_, i) => i + 1)).filter((p) => p >= 1 && p <= count);
  if (count === 1 && wanted.length === 1) return [{ page: 1, png: bytes }];
  return Promise.all(
    wanted.map(async (page) => ({
      page,
      png: new Uint8Array(
        await sharp(bytes, { page: page - 1, failOn: "none" })
          .png()
          .toBuffer(),
      ),
    })),
  );
}
