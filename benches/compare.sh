#!/usr/bin/env bash
# nianbao beside typos and ripgrep on the same machine, in the same run:
# the batch time (hyperfine), one report's latency, peak memory at 2,000 and
# 20,000 files, and time per MB on huge inputs. Prints what the README's
# Performance section reports.
#
#   benches/compare.sh            # 2,000 generated reports
#   benches/compare.sh 5000       # another batch size
#
# Installs hyperfine, typos and ripgrep with cargo when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-2000}

need() {
  command -v "$1" >/dev/null 2>&1 || cargo install --locked "$2" ${3:+--version "$3"}
}
need hyperfine hyperfine 1.20.0
need typos typos-cli
need rg ripgrep

cargo build --release --locked --quiet
bin=target/release/nianbao
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo bench --quiet --bench throughput -- write "$work/batch" "$count"
cargo bench --quiet --bench throughput -- write "$work/batch-20000" 20000
cargo bench --quiet --bench throughput -- write-big "$work/big"
# The files just written are flushed before anything is timed: the kernel
# writing 125 MB back meanwhile slowed every page fault of the runs measured.
sync
sleep 5

echo
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
echo "== batch: $count reports, $(du -sh "$work/batch" | cut -f1)"
hyperfine --warmup 1 --runs 5 -i -N \
  "$bin check $work/batch --format json --exit-zero -o $work/out.json" \
  "typos $work/batch" \
  "rg -c 年 $work/batch"

echo "== one report, process start included"
hyperfine --warmup 3 --runs 30 -i -N "$bin check fixtures/sections/clean-2021.txt --exit-zero"

echo "== peak resident memory (KB)"
for dir in batch batch-20000; do
  /usr/bin/time -f "$dir: %M KB, %e s" "$bin" check "$work/$dir" --exit-zero >/dev/null
done

echo "== time per MB: the batch of normal reports, then huge single files (one thread each)"
for f in "$work/batch" "$work/big/repeated-1000.txt" "$work/big/one-line.txt" "$work/big/one-line-findings.txt" "$work/big/rows-20000.txt"; do
  size=$(du -sb "$f" | cut -f1)
  start=$(date +%s.%N)
  "$bin" check "$f" -j 1 --exit-zero --timeout 0 >/dev/null
  end=$(date +%s.%N)
  echo "$(basename "$f"): $(echo "$size" | awk '{printf "%.2f", $1/1e6}') MB in $(echo "$start $end" | awk '{printf "%.3f", $2-$1}') s, $(echo "$size $start $end" | awk '{printf "%.3f", ($3-$2)/($1/1e6)}') s/MB"
done
