import mammoth from "mammoth";
import { ReportParseError } from "../errors";

/** DOCX → HTML (tables keep their merged cells), then read by the HTML path. */
export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    return result.value;
  } catch {
    throw new ReportParseError("CORRUPT_FILE", "DOCX 文件已损坏或不完整，无法读取");
  }
}
