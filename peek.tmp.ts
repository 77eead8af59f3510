import fs from "node:fs";
import { parseDocument } from "@/lib/ingest/parse-document";
const files = ["/work/shared/seed/mudanjiang-education-2019.txt","/work/shared/fixtures/real/hongze-district-2024.pdf","/work/shared/fixtures/real/pingtan-2023-flattened.txt","/work/shared/fixtures/real/shuyang-ndrc-2023.html"];
for (const f of files) {
  const r = await parseDocument(new Uint8Array(fs.readFileSync(f)), { fileName: f.split("/").pop() });
  console.log(r.agency, r.year, r.region?.path.join("/"), r.issues.filter(i=>/AGENCY|REGION|YEAR/.test(i.code)).map(i=>i.code+":"+i.message));
}
