#!/usr/bin/env bash
# Quick start, command 1: install, build, migrate the database, load the sample reports, serve on :3000.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ ! -x node_modules/.bin/next ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "▶ 安装依赖（npm ci）"
  bash scripts/support/npm-ci-with-progress.sh
fi

# The PDF snapshot (/api/snapshot) prints pages in the server's headless Chromium, with a CJK font.
if ! bash scripts/support/ensure-debian-packages.sh; then
  echo "⚠ 未能安装 chromium 或中文字体：看板照常启动，但“下载 PDF 快照”将不可用。" >&2
fi

newest_source=$(find app components lib db next.config.js package-lock.json -newer .next/BUILD_ID -print -quit 2>/dev/null || true)
if [ ! -f .next/BUILD_ID ] || [ -n "$newest_source" ]; then
  echo "▶ 构建（next build）"
  npx next build
fi

echo "▶ 迁移数据库"
npm run --silent db:migrate
npx tsx --conditions=react-server scripts/ensure-admin.ts
echo "▶ 加载示例报告"
npm run --silent load-samples

# Only this machine can reach the server unless HOST says otherwise (HOST=0.0.0.0 for every interface).
HOST=${HOST:-127.0.0.1}
echo "▶ 启动服务：http://${HOST/0.0.0.0/localhost}:${PORT:-3000}"
exec node scripts/serve.mjs -H "$HOST" -p "${PORT:-3000}"
