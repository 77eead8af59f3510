import "server-only";
import fs from "node:fs";
import path from "node:path";
import { openZip } from "./zip-archive";

async function countZipEntries(file: string): Promise<number> {
  try {
    const zip = await openZip(file, { autoClose: false });
    zip.close();
    return Math.max(1, zip.entryCount);
  } catch {
    return 1;
  }
}

/** An upper estimate of the documents in the inputs, for the progress display (zips by their directory). */
export async function countSources(inputs: string[]): Promise<number> {
  let total = 0;
  const visit = async (p: string): Promise<void> => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      total++;
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) await visit(path.join(p, name));
    } else if (/\.zip$/i.test(p)) total += await countZipEntries(p);
    else if (path.basename(p) !== "manifest.csv") total++;
  };
  for (const input of inputs) await visit(input);
  return total;
}
