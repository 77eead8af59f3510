import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./source-files";

const DOCS = [
  "README.md",
  "CONTRIBUTING.md",
  ...fs.readdirSync(path.join(ROOT, "docs")).map((f) => `docs/${f}`),
].filter((f) => f.endsWith(".md"));
const TOP_LEVEL = /^(\.ci|app|components|db|docs|lib|scripts|tests)\//;
const ROOT_FILES = /^[\w.-]+\.(json|md|sh)$/;
/** A module may be named without its extension, as an import names it. */
const SUFFIXES = ["", ".ts", ".tsx", ".js", ".mjs", "/index.ts"];

/** Repository paths a document names: in `code` spans or as relative link targets. */
function listNamedPaths(text: string): string[] {
  const spans = [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
  const links = [...text.matchAll(/\]\((?!https?:|#|mailto:)([^)\s]+)\)/g)].map((m) => m[1]);
  return [...spans, ...links]
    .map((s) =>
      s
        .trim()
        .replace(/^\.\//, "")
        .replace(/[#:].*$/, ""),
    )
    .filter((s) => (TOP_LEVEL.test(s) || ROOT_FILES.test(s)) && !/[*{}<>…\s]|\.\.\./.test(s));
}

describe("documentation", () => {
  it.each(DOCS)("every path %s names exists", (doc) => {
    const dir = path.dirname(path.join(ROOT, doc));
    const missing = listNamedPaths(fs.readFileSync(path.join(ROOT, doc), "utf8")).filter(
      (p) => !SUFFIXES.some((x) => fs.existsSync(path.join(ROOT, p + x)) || fs.existsSync(path.join(dir, p + x))),
    );
    expect(missing, `${doc} names paths that do not exist`).toEqual([]);
  });
});
