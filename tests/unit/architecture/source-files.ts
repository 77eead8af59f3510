import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../../..");

/** Source files (.ts, .tsx, .js, .mjs) below a folder of the repository, as repository-relative paths. */
export function listSourceFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(path.join(ROOT, dir))) return;
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (/\.(ts|tsx|js|mjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(rel);
    }
  };
  walk(folder);
  return out.sort();
}

export function readSource(rel: string): string {
  return fs.readFileSync(path.join(ROOT, rel), "utf8");
}
