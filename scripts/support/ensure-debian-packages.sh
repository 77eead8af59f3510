#!/usr/bin/env bash
# Installs the Debian packages the app needs when they are missing: chromium and a CJK font (the server prints
# PDF snapshots with them, the end-to-end tests run in them), Tesseract with its Simplified Chinese model and
# poppler's pdftoppm (scanned reports are read by OCR), and with --postgresql the test suite's PostgreSQL.
set -uo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
if [ "${1:-}" = "--postgresql" ]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
fi
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
[ -n "$(ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata 2>/dev/null)" ] || missing+=(tesseract-ocr-chi-sim)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -qiE "wqy|noto sans cjk" || missing+=(fonts-wqy-microhei)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "  安装 Debian 软件包：${missing[*]}"
as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
