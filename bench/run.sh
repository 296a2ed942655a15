#!/usr/bin/env bash
# Benchmark: rex against Hugo and the cmark CLI on generated handbooks of 300, 3 000 and 15 000 documents, in one
# alternating run (bench/bench.py says what is measured). Prints medians, the ratios the goals name, peak memory
# and the output's size.
# usage: bench/run.sh [bench.py options: --sizes 300,3000 --rounds 5 --work DIR --json FILE]
#        (`make bench-deps` installs hugo and cmark when missing; corpora are kept in --work, default /tmp/rex-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
make --no-print-directory bench-deps
make --no-print-directory release >/dev/null
echo "rex $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(hugo version | cut -d' ' -f1-2), $(cmark --version | head -1), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
exec python3 bench/bench.py --rex .build/release/rex "$@"
