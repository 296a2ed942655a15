#!/usr/bin/env bash
# Benchmark: rex build-site on 1 000 procedures + 2 000 incidents, against anchors measured in the
# same run — the cmark CLI on the same Markdown and Hugo on the same documents.
# usage: bench/run.sh [WORKDIR]   (installs hugo with apt-get when missing and run as root)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d)}
command -v hugo >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq hugo >/dev/null; } || true
swift build -c release >/dev/null
python3 bench/generate.py "$work"
echo "corpus: $(du -sh "$work/handbook" | cut -f1) of YAML, $(wc -c < "$work/all.md") bytes of Markdown"

measure() {  # name, command… → seconds and peak RSS
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || { echo "$name failed"; return 1; }
  read -r seconds kib < "$work/time"
  printf '%-8s %6.2f s  %7.0f MiB\n' "$name" "$seconds" "$((kib / 1024))"
  eval "${name}_s=$seconds"
}
measure cmark cmark "$work/all.md"
measure rex .build/release/rex build-site --root "$work/handbook" --out "$work/site"
if command -v hugo >/dev/null; then measure hugo hugo --source "$work/hugo" --destination "$work/hugo-out" --quiet; fi
python3 - "$cmark_s" "$rex_s" "${hugo_s:-0}" <<'PY'
import sys
cmark, rex, hugo = map(float, sys.argv[1:])
print(f"rex / cmark = {rex / cmark:.2f}x" + (f"; hugo / rex = {hugo / rex:.2f}x (target ≥ 3)" if hugo else ""))
PY
