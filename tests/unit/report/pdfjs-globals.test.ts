import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { loadPdfJs } from "@/lib/report/sources/pdf";

// A realm pdf.js never touched: its Function.prototype.toString is the engine's, not core-js's disguise.
const engineToString = runInNewContext("Function.prototype.toString") as (this: unknown) => string;

describe("loading pdf.js", () => {
  it("leaves JSON and Array.prototype.push native for the rest of the process", async () => {
    const pdfjs = await loadPdfJs();
    expect(typeof pdfjs.getDocument).toBe("function");
    for (const fn of [JSON.stringify, JSON.parse, Array.prototype.push]) {
      expect(engineToString.call(fn)).toContain("[native code]");
    }
  });
});
