import sharp from "sharp";

/** An 8-bit greyscale image: 0 is black ink, 255 white paper. */
export type Gray = { data: Uint8Array; width: number; height: number };

/** Pages are normalised to about 300 dpi across an A4 width: Tesseract reads 10–12 pt print best at that size. */
export const PAGE_WIDTH = 2480;
const MAX_PIXELS = 60_000_000;

/**
 * Decodes an image (PNG, JPEG, TIFF, …) to greyscale at a width Tesseract reads well. Colour scans take the red
 * channel: a red seal stamped over the table turns to paper while black print stays black.
 */
export async function loadGray(bytes: Uint8Array, targetWidth = PAGE_WIDTH): Promise<Gray> {
  const image = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: "none" }).rotate();
  const meta = await image.metadata();
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  if (!width) throw new Error("image without width");
  const factor = Math.min(4, Math.max(0.5, targetWidth / width));
  let pipeline = image.flatten({ background: "#ffffff" });
  if (Math.abs(factor - 1) > 0.05) pipeline = pipeline.resize({ width: Math.round(width * factor), kernel: "cubic" });
  const colour = (meta.channels ?? 1) >= 3 && meta.space !== "b-w";
  pipeline = colour ? pipeline.extractChannel("red") : pipeline.greyscale();
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** Rotates about the centre (degrees, counter-clockwise positive), filling with paper. */
export async function rotateGray(img: Gray, degrees: number): Promise<Gray> {
  if (Math.abs(degrees) < 0.02) return img;
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } })
    .rotate(-degrees, { background: "#ffffff" })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const out = info.channels === 1 ? new Uint8Array(data) : takeFirstChannel(data, info.channels);
  // sharp grows the canvas to hold the rotated corners: crop back to the original size around the centre.
  return cropGray(
    { data: out, width: info.width, height: info.height },
    {
      x: Math.round((info.width - img.width) / 2),
      y: Math.round((info.height - img.height) / 2),
      w: img.width,
      h: img.height,
    },
  );
}

function takeFirstChannel(data: Uint8Array, channels: number): Uint8Array {
  const out = new Uint8Array(data.length / channels);
  for (let i = 0; i < out.length; i++) out[i] = data[i * channels];
  return out;
}

export type Box = { x: number; y: number; w: number; h: number };

export function cropGray(img: Gray, box: Box): Gray {
  const x0 = Math.max(0, Math.min(img.width, box.x));
  const y0 = Math.max(0, Math.min(img.height, box.y));
  const x1 = Math.max(x0, Math.min(img.width, box.x + box.w));
  const y1 = Math.max(y0, Math.min(img.height, box.y + box.h));
  const w = x1 - x0;
  const h = y1 - y0;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) out.set(img.data.subarray((y0 + y) * img.width + x0, (y0 + y) * img.width + x1), y * w);
  return { data: out, width: w, height: h };
}

export async function encodePng(img: Gray): Promise<Buffer> {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}
