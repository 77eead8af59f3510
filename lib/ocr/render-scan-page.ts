import sharp from "sharp";
import { sniffKind } from "@/lib/report/decode";
import { listPageImages } from "./page-images";
import { loadGray, rotateGray } from "./raster";

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
  if (kind !== "pdf" && kind !== "image") return null;
  const [image] = await listPageImages(bytes, kind, { timeoutMs: 30_000, maxPages: 200, pages: [opts.page] });
  if (!image) return null;
  const straight = await rotateGray(await loadGray(image.png), -opts.skew);
  const png = await sharp(straight.data, { raw: { width: straight.width, height: straight.height, channels: 1 } })
    .resize({ width: SHOWN_WIDTH })
    .png()
    .toBuffer();
  return new Uint8Array(png);
}
