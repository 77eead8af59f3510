import { openDatabase } from "@/db/client";
import { seedRegions } from "@/lib/setup/seed-regions";

const handle = await openDatabase({ purpose: "数据库迁移（npm run db:migrate）" });
try {
  await seedRegions(handle.db);
  console.log(`数据库已迁移到最新版本（${handle.kind === "pglite" ? "嵌入式 PGlite" : "PostgreSQL"}），地区表已就绪。`);
} finally {
  await handle.close();
}
