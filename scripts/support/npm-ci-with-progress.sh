#!/usr/bin/env bash
# npm ci prints nothing for minutes on a fresh machine: say every 15 s that it is still working, and how long it took.
set -uo pipefail
started=$SECONDS
finished=$(mktemp -u)
echo "  正在安装依赖（npm ci，首次约需 1–5 分钟）…"
(
  while [ ! -e "$finished" ]; do
    sleep 1
    elapsed=$((SECONDS - started))
    [ $((elapsed % 15)) = 0 ] && [ ! -e "$finished" ] && echo "  …仍在安装依赖（已用 ${elapsed} 秒）"
  done
) &
ticker=$!
npm ci --no-audit --no-fund
status=$?
touch "$finished"
wait "$ticker"
rm -f "$finished"
[ "$status" = 0 ] && echo "  依赖安装完成（用时 $((SECONDS - started)) 秒）"
exit "$status"
