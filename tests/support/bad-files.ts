import fs from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import PDFDocument from "pdfkit";
import { expect } from "vitest";
import { buildZip } from "./zip";

const REAL = path.join(import.meta.dirname, "..", "fixtures", "real");

export type BadFile = { name: string; bytes: Buffer; accepted: boolean };

function encryptedPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ userPassword: "secret", ownerPassword: "owner" });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.text("2023 annual report");
  doc.end();
  return done;
}

/** Files a careless or hostile user uploads; `accepted` for the ones that are reports after all. */
export async function buildBadFiles(): Promise<BadFile[]> {
  const mdj = fs.readFileSync(path.join(REAL, "mudanjiang-education-2019.txt"));
  const html = fs.readFileSync(path.join(REAL, "shuyang-ndrc-2023.html"));
  const pdf = fs.readFileSync(path.join(REAL, "hongze-district-2024.pdf"));
  const random = Buffer.alloc(4096);
  for (let i = 0, seed = 7; i < random.length; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    random[i] = seed & 0xff;
  }
  const cut = html.indexOf("<table");
  const stray = Buffer.concat([html.subarray(0, cut), Buffer.from([0xff]), html.subarray(cut)]);
  const hostile = Buffer.from(
    html
      .toString("utf8")
      .replace(/<table/i, "<script>alert(document.cookie)</script><img src=x onerror=alert(1)><table"),
  );
  const inner = await buildZip([{ name: "a.txt", data: mdj }]);
  return [
    { name: "random.bin", bytes: random, accepted: false },
    { name: "empty.txt", bytes: Buffer.alloc(0), accepted: false },
    { name: "truncated.pdf", bytes: pdf.subarray(0, 3000), accepted: false },
    { name: "encrypted.pdf", bytes: await encryptedPdf(), accepted: false },
    { name: "escape.zip", bytes: await buildZip([{ name: Buffer.from("../x.txt"), data: mdj }]), accepted: false },
    { name: "nested.zip", bytes: await buildZip([{ name: "inner.zip", data: inner }]), accepted: false },
    {
      name: "bomb.zip",
      bytes: await buildZip(
        Array.from({ length: 100 }, (_, i) => ({ name: `p${i}.txt`, data: Buffer.alloc(1 << 20) })),
      ),
      accepted: false,
    },
    { name: "gbk.txt", bytes: iconv.encode(mdj.toString("utf8"), "gbk"), accepted: true },
    { name: "stray-byte.html", bytes: stray, accepted: true },
    { name: "hostile.html", bytes: hostile, accepted: true },
  ];
}

/** A report among them is taken; anything else is refused with a reason in Chinese. */
export function expectOutcome(file: BadFile, result: { status: string; reason?: string }): void {
  if (file.accepted) expect(result.status, `${file.name}: ${result.reason}`).not.toBe("rejected");
  else {
    expect(result.status, file.name).toBe("rejected");
    expect(result.reason, file.name).toMatch(/[\u4e00-\u9fff]/);
  }
}
