import sharp from "sharp";
import { sniffKind } from "@/lib/report/decode";
import { loadGray, rotateGray } from "./raster";
import { renderPdfPages } from "./render-pdf-pages";

const SHOWN_WIDTH = 1240;

/**
 * One page of a scan as OCR saw it (normalised, turned straight by `skew`), as a PNG for the page beside its issues:
 * the boxes OCR_UNCERTAIN names are fractions of this image. Null when the document has no such page.
 */
export async function renderScanPage(
  bytes: Uint8Array,
  opts: { fileName?: string; mediaType?: string; page: number; skew: number },
): Promise<Uint8Array | null> {
  const kind = sniffKind(bytes, opts);
  let image: Uint8Array;
  if (kind === "pdf") {
    const [rendered] = await renderPdfPages(bytes, { pages: [opts.page], timeoutMs: 30_000 });
    if (!rendered) return null;
    image = rendered.png;
  } else if (kind === "image") {
    const meta = await sharp(bytes, { failOn: "none" }).metadata();
    if (opts.page > (meta.pages ?? 1)) return null;
    image = new Uint8Array(
      await sharp(bytes, { page: opts.page - 1, failOn: "none" })
        .png()
        .toBuffer(),
    );
  } else return null;
  const straight = await rotateGray(await loadGray(image), -opts.skew);
  const png = await sharp(straight.data, { raw: { width: straight.width, height: straight.height, channels: 1 } })
    .resize({ width: SHOWN_WIDTH })
    .png()
    .toBuffer();
  return new Uint8Array(png);
}
