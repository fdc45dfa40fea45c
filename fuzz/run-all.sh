#!/usr/bin/env bash
# Runs every fuzz target in turn for RUNS inputs (default 1,000,000), one
# process at a time, and prints each target's last status line. Needs
# cargo-fuzz (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP lets the stable
# toolchain build with the sanitizer flags it needs. Crashing inputs land in
# fuzz/artifacts/TARGET/. MAX_TIME=SECONDS stops each target after that
# long even if it has not reached RUNS. SANITIZER=none builds without
# AddressSanitizer: two to three times the inputs a second, and the targets
# are safe Rust.
#   fuzz/run-all.sh [RUNS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
runs=${1:-1000000}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(terminal_text page dates records feed html extract)
[ -d corpus ] || ./seed.sh
export RUSTC_BOOTSTRAP=1
for t in "${targets[@]}"; do
  # Slow targets get shorter inputs: their cost grows with the length.
  case $t in
    html|feed|extract) len=4096 ;;
    *) len=16384 ;;
  esac
  dict=()
  case $t in dates|extract) dict=(-dict=corpus/words.dict) ;; esac
  start=$(date +%s)
  cargo fuzz run -O -s "${SANITIZER:-address}" "$t" -- -runs="$runs" -max_len="$len" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -max_total_time="${MAX_TIME:-0}" "${dict[@]}" > "corpus/$t.log" 2>&1 || {
    echo "$t: FAILED after $(( $(date +%s) - start )) s, see fuzz/corpus/$t.log"
    continue
  }
  echo "$t: $(grep -E '^Done|stat::number_of_executed_units|stat::average_exec_per_sec' "corpus/$t.log" | tr '\n' ' ') in $(( $(date +%s) - start )) s"
done
