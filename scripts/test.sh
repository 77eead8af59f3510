#!/usr/bin/env bash
# Quick start, command 2: the whole suite. Installs what it needs (npm packages, Debian postgresql and chromium),
# starts a private throwaway PostgreSQL cluster, runs static checks, Vitest and Playwright, and prints
# one "N passed, N failed" line built from the runners' JSON reports. Exit status is non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
ROOT=$PWD
OUT="$ROOT/tests/.output"
rm -rf "$OUT" && mkdir -p "$OUT"
: >"$OUT/checks.tsv"

step() { printf '\n▶ %s\n' "$1"; }

# A named check that is not a test runner (format, types, build) still counts in the summary.
check() {
  local name=$1
  shift
  step "$name"
  if "$@"; then printf '%s\tpassed\n' "$name" >>"$OUT/checks.tsv"; else printf '%s\tfailed\n' "$name" >>"$OUT/checks.tsv"; fi
}

step "依赖 / dependencies"
if [ ! -x node_modules/.bin/next ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  bash scripts/support/npm-ci-with-progress.sh || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi
bash scripts/support/ensure-debian-packages.sh --postgresql ||
  { echo "apt-get install failed"; echo "0 passed, 1 failed"; exit 1; }

step "PostgreSQL（私有临时集群）"
# The one throwaway-cluster implementation (scripts/support/throwaway-postgres.ts): free loopback port, fsync off.
THROWAWAY_PG=(npx tsx scripts/support/throwaway-postgres-cli.ts)
pg_started=$("${THROWAWAY_PG[@]}" start) || { echo "0 passed, 1 failed"; exit 1; }
read -r TEST_DATABASE_URL PGDATA PGPORT <<<"$pg_started"
trap '"${THROWAWAY_PG[@]}" stop "$PGDATA" >/dev/null 2>&1' EXIT
export TEST_DATABASE_URL

check "格式与静态检查（biome）" npx biome ci .
check "类型检查（tsc）" npx tsc --noEmit -p .

step "Vitest（单元 + 集成）"
npx vitest run --reporter=default --reporter=json --outputFile.json="$OUT/vitest.json"

check "生产构建（next build）" npx next build

step "Playwright（端到端：嵌入式 PGlite 与 PostgreSQL）"
if [ -f .next/BUILD_ID ]; then
  psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres -c "create database ogi_e2e" postgres
  E2E_DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/ogi_e2e" OGI_E2E_DATA="$OUT/e2e-pglite" npx playwright test
else
  echo "跳过：构建失败"
fi

step "汇总 / summary"
node scripts/test-summary.mjs "$OUT"
