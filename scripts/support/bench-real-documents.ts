import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "@/lib/ingest/parse-document";
import { decodeText, looksLikeHtml } from "@/lib/report/decode";

const MEDIA: Record<string, string> = { ".pdf": "application/pdf", ".html": "text/html", ".txt": "text/plain" };
const TAG = /<[^>]*>/g;
const NUMBER = /\d+(?:\.\d+)?/g;

type RealDocument = { name: string; bytes: Uint8Array; mediaType?: string; textual: boolean };

/** The real reports: `../shared/fixtures/real/` and `../shared/seed/` beside the project, else the repo's copy. */
export function listRealDocuments(root: string): { dirs: string[]; documents: RealDocument[] } {
  const shared = [path.resolve(root, "../shared/fixtures/real"), path.resolve(root, "../shared/seed")];
  const dirs = existsSync(shared[0]!)
    ? shared.filter((d) => existsSync(d))
    : [path.resolve(root, "tests/fixtures/real")];
  const documents = dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => MEDIA[path.extname(f)] && f !== "README.md")
      .sort()
      .map((name) => ({
        name,
        bytes: new Uint8Array(readFileSync(path.join(dir, name))),
        mediaType: MEDIA[path.extname(name)],
        textual: path.extname(name) !== ".pdf",
      })),
  );
  return { dirs, documents };
}

/** The floor the parser is compared with: decode as the parser does, strip tags from HTML, tokenise numbers. */
export function runBarePass(bytes: Uint8Array): number {
  const { text } = decodeText(bytes);
  const plain = looksLikeHtml(text) ? text.replace(TAG, " ") : text;
  let sum = 0;
  for (const m of plain.matchAll(NUMBER)) sum += m[0].length;
  return sum;
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export type RealFigures = {
  name: string;
  textual: boolean;
  parseMs: number[];
  bareMs: number[];
  /** CPU time of the process (user + system), less sensitive than wall time to other work on the machine. */
  parseCpuMs: number[];
  bareCpuMs: number[];
  firstMs: number;
  threw: number;
};

/**
 * Parses every document once (the cold parse, reported apart), then `rounds` times each, interleaved with the
 * bare pass over the same bytes so that both see the same machine load. HTML/text rounds run before the PDF
 * rounds: pdf.js leaves megabytes of garbage whose collection would otherwise land in the next document's time.
 */
export async function measureRealDocuments(documents: RealDocument[], rounds: number): Promise<RealFigures[]> {
  const figures: RealFigures[] = documents.map((d) => ({
    name: d.name,
    textual: d.textual,
    parseMs: [],
    bareMs: [],
    parseCpuMs: [],
    bareCpuMs: [],
    firstMs: 0,
    threw: 0,
  }));
  let sink = 0;
  const parseOnce = async (d: RealDocument, f: RealFigures): Promise<number> => {
    const start = performance.now();
    try {
      await parseDocument(d.bytes, { fileName: d.name, mediaType: d.mediaType });
    } catch {
      f.threw++;
    }
    return performance.now() - start;
  };
  // All cold parses first: the PDF's waits for pdf.js, which otherwise loads in the background during the rounds.
  for (const [i, d] of documents.entries()) figures[i]!.firstMs = await parseOnce(d, figures[i]!);
  for (const textual of [true, false]) {
    for (let r = 0; r < rounds; r++) {
      for (const [i, d] of documents.entries()) {
        if (d.textual !== textual) continue;
        const f = figures[i]!;
        let cpu = process.cpuUsage();
        f.parseMs.push(await parseOnce(d, f));
        f.parseCpuMs.push(cpuMsSince(cpu));
        cpu = process.cpuUsage();
        const start = performance.now();
        sink += runBarePass(d.bytes);
        f.bareMs.push(performance.now() - start);
        f.bareCpuMs.push(cpuMsSince(cpu));
      }
    }
  }
  if (sink < 0) console.log(sink);
  return figures;
}
