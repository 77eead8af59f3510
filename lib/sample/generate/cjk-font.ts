import { existsSync, readFileSync } from "node:fs";

/** A CJK font file and, for a collection (.ttc), the PostScript name of the face to use. */
export type CjkFont = { path: string; family?: string };

const CANDIDATES: CjkFont[] = [
  { path: "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", family: "WenQuanYiMicroHei" },
  { path: "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", family: "WenQuanYiZenHei" },
  { path: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", family: "NotoSansCJKsc-Regular" },
];

/**
 * The CJK font the PDF renderer draws with: $OGI_CJK_FONT (path[#PostScriptName]) or a Debian font package
 * (fonts-wqy-microhei). Throws with the install hint when none is there.
 */
export function findCjkFont(): CjkFont {
  const fromEnv = process.env.OGI_CJK_FONT;
  if (fromEnv) {
    const [path, family] = fromEnv.split("#");
    if (path && existsSync(path)) return { path, ...(family ? { family } : {}) };
    throw new Error(`OGI_CJK_FONT=${fromEnv}: no such font file`);
  }
  const found = CANDIDATES.find((c) => existsSync(c.path));
  if (!found) {
    throw new Error(
      "No CJK font for PDF rendering: install the Debian package fonts-wqy-microhei (apt-get install -y fonts-wqy-microhei) or set OGI_CJK_FONT=/path/to/font.ttf",
    );
  }
  return found;
}

let cached: { font: CjkFont; bytes: Buffer } | null = null;

/** The font's bytes, read once per process. */
export function loadCjkFont(): { font: CjkFont; bytes: Buffer } {
  if (!cached) {
    const font = findCjkFont();
    cached = { font, bytes: readFileSync(font.path) };
  }
  return cached;
}
