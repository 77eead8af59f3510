import { describe, expect, it } from "vitest";
import { sniffKind } from "@/lib/report/decode";
import { describeTooLarge } from "@/lib/report/describe-size";

describe("the reason a file is too large", () => {
  const limit = 50 * 1024 * 1024;

  it("never reads as if the file were within its limit", () => {
    for (const over of [1, 1023, 50_000, 1024 * 1024]) {
      const reason = describeTooLarge(limit + over, limit);
      const [size, cap] = [...reason.matchAll(/([\d,.]+) (MB|KB|字节)/g)].map((m) => m[0]);
      expect(size, reason).not.toBe(cap);
    }
  });

  it("names the bytes over when the sizes round alike", () => {
    expect(describeTooLarge(limit + 1, limit)).toBe("文件过大（52,428,801 字节，上限 52,428,800 字节，超出 1 字节）。");
    expect(describeTooLarge(80 * 1024 * 1024, limit)).toBe("文件过大（80.0 MB，上限 50.0 MB）。");
  });

  it("is the parser's own reason too, one byte over", () => {
    expect(() => sniffKind(new Uint8Array(limit + 1), { fileName: "a.txt" })).toThrow(
      /52,428,801 字节，上限 52,428,800 字节/,
    );
  });
});
