import fs from "node:fs";
import path from "node:path";
import yauzl from "yauzl";

function countZipEntries(file: string): Promise<number> {
  return new Promise((resolve) =>
    yauzl.open(file, { lazyEntries: false, autoClose: true }, (err, zip) => {
      if (err || !zip) return resolve(1);
      resolve(Math.max(1, zip.entryCount));
      zip.close();
    }),
  );
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
