import { openDatabase } from "@/db/client";
import { listDocumentIds, type ReparseOutcome, reparseDocument } from "@/lib/ingest/reparse-document";
import { createProgress } from "./support/progress";
import { EXIT, runCli } from "./support/run-cli";

/** Re-runs the current parser over every stored original and prints what changed. */
await runCli(async () => {
  const handle = await openDatabase({ purpose: "重新解析（npm run reparse）" });
  try {
    const ids = await listDocumentIds(handle.db);
    const progress = createProgress("重新解析", ids.length);
    const outcomes: ReparseOutcome[] = [];
    for (const id of ids) {
      const outcome = await reparseDocument(handle.db, id);
      outcomes.push(outcome);
      progress.tick(outcome.file);
    }
    progress.stop();
    const count = (s: ReparseOutcome["status"]) => outcomes.filter((o) => o.status === s).length;
    console.log(
      `重新解析完成：共 ${outcomes.length} 份 · 无变化 ${count("same")} · 数值或问题有变化 ${count("changed")} · ` +
        `机关/年度改变 ${count("moved")} · 原被拒绝现已导入 ${count("recovered")} · 仍无法解析 ${count("rejected")}`,
    );
    for (const o of outcomes) {
      if (o.status === "changed" || o.status === "moved") {
        console.log(`  ${o.file}（${o.status === "moved" ? "机关/年度改变" : "有变化"}）`);
        for (const c of (o.changes ?? []).slice(0, 12)) console.log(`    ${c}`);
        if ((o.changes?.length ?? 0) > 12) console.log(`    …另有 ${(o.changes?.length ?? 0) - 12} 处`);
      } else if (o.status === "rejected") console.log(`  ${o.file} — 无法解析：${o.reason}`);
    }
    return EXIT.ok;
  } finally {
    await handle.close();
  }
});
