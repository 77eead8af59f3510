import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toSafeRedirectPath } from "@/lib/http/safe-redirect";

// Shapes that browsers turn into another host or scheme (tabs and newlines dropped, "\" read as "/", decoding).
const BYPASSES = [
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "/ /evil.example",
  "https://evil.example",
  "http:evil.example",
  "javascript:alert(1)",
  "data:text/html,x",
  "/\u0000/evil.example",
  "/%2f%2fevil.example/..//evil.example/",
  "//user:pass@evil.example",
  "/\t\\evil.example",
  "\t//evil.example",
  " //evil.example",
  "evil.example",
];

describe("the redirect after sign-in", () => {
  it.each(BYPASSES)("sends %j home", (next) => {
    const path = toSafeRedirectPath(next);
    const landed = new URL(path, "https://ogi.example");
    expect(landed.origin).toBe("https://ogi.example");
    expect(path === "/" || !/^\/[/\\]/.test(path)).toBe(true);
  });

  it("keeps in-app paths with their query and fragment", () => {
    expect(toSafeRedirectPath("/agencies/12?year=2023#versions")).toBe("/agencies/12?year=2023#versions");
    expect(toSafeRedirectPath(["/admin/users", "/other"])).toBe("/admin/users");
    expect(toSafeRedirectPath(undefined)).toBe("/");
  });

  it("never leaves the app's origin, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (tail) => {
        for (const next of [tail, `/${tail}`, `//${tail}`, `/\\${tail}`]) {
          const landed = new URL(toSafeRedirectPath(next), "https://ogi.example");
          expect(landed.origin).toBe("https://ogi.example");
        }
      }),
      { numRuns: 2000 },
    );
  });
});
