import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.join(import.meta.dirname, "..", "..", "..");
const PUBLIC_ROUTES = new Set(["app/api/health/route.ts", "app/api/auth/[...all]/route.ts"]);

function listFiles(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(rel, pattern));
    else if (pattern.test(entry.name)) out.push(rel);
  }
  return out;
}

describe("deny by default", () => {
  const routes = listFiles("app", /^route\.ts$/);

  it("every route handler goes through withRoute (or re-exports one that does)", () => {
    expect(routes.length).toBeGreaterThan(5);
    for (const file of routes) {
      const source = fs.readFileSync(path.join(ROOT, file), "utf8");
      if (file === "app/api/health/route.ts") continue;
      const wrapped = source.includes("withRoute(") || /from "\.\.?\/[^"]*route"/.test(source);
      expect(wrapped, `${file} must use withRoute`).toBe(true);
    }
  });

  it("only the health and sign-in endpoints are public", () => {
    for (const file of routes) {
      const source = fs.readFileSync(path.join(ROOT, file), "utf8");
      if (/public:\s*true/.test(source)) expect(PUBLIC_ROUTES.has(file), `${file} is public`).toBe(true);
    }
  });

  it("no page or route takes the scope from anywhere but the session", () => {
    for (const file of listFiles("app", /\.(ts|tsx)$/)) {
      const source = fs.readFileSync(path.join(ROOT, file), "utf8");
      expect(source, file).not.toMatch(/ALL_SCOPE|resolveRequestScope|scope:\s*"all"/);
    }
  });

  it("every page that loads data checks the session on the server", () => {
    const open = new Set(["app/login/page.tsx", "app/forbidden/page.tsx"]);
    for (const file of listFiles("app", /^page\.tsx$/)) {
      if (open.has(file)) continue;
      const source = fs.readFileSync(path.join(ROOT, file), "utf8");
      expect(source, `${file} must call requireSession()`).toMatch(/requireSession\(/);
    }
  });
});
