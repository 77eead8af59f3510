import { expect } from "@playwright/test";

/** A downloaded CSV's rows, after checking the export format: UTF-8 BOM, CRLF, no `sep=` line. */
export function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain("\r\n");
  expect(text.startsWith("\uFEFFsep=")).toBe(false);
  return text
    .slice(1)
    .split("\r\n")
    .filter(Boolean)
    .map((line) => line.split(","));
}
