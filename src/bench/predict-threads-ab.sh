#!/usr/bin/env bash
# Single-image predict latency with the network code on one native thread (NativeThreads, the default) against
# the libraries' own thread counts (-Dmniststudio.singleThreadedPredict=false), and with 100 against 2,000
# untimed calls before the timed ones, through the real `bench` command, in interleaved rounds. Prints each
# run's JSON line, then p99 per round and the medians for each preset and setting.
#
#   src/bench/predict-threads-ab.sh [--rounds N] [--presets "lenet mlp-small cnn"]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=3
presets="lenet mlp-small cnn"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --presets) presets=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f target/mnist-studio.jar ] || { echo "target/mnist-studio.jar is missing: run mvn package first" >&2; exit 1; }
out=target/bench/predict-threads-ab.jsonl
mkdir -p "$(dirname "$out")"
: > "$out"
for preset in $presets; do
  for round in $(seq 1 "$rounds"); do
    for setting in "before false 100" "one-thread true 100" "one-thread+warm-up true 2000"; do
      read -r name single warmup <<< "$setting"
      OMP_WAIT_POLICY=PASSIVE java -Xmx4g -Dmniststudio.singleThreadedPredict=$single -jar target/mnist-studio.jar \
          bench --preset "$preset" --epochs 1 --warmup-images 1000 --images 3000 --latency-calls 2000 \
          --latency-warmup "$warmup" --json 2>/dev/null | tail -n 1 \
        | sed "s/^{/{\"round\": $round, \"setting\": \"$name\", /" | tee -a "$out"
    done
  done
done
/usr/bin/python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
settings = list(dict.fromkeys(r['setting'] for r in rows))
print()
print("| preset | " + " | ".join(f"{s}: p99 ms per round (median)" for s in settings) + " |")
print("|---|" + "---|" * len(settings))
for preset in dict.fromkeys(r['preset'] for r in rows):
    cells = []
    for s in settings:
        p99 = [r['predict_p99_us'] / 1000 for r in rows if r['preset'] == preset and r['setting'] == s]
        cells.append(f"{', '.join(f'{v:.1f}' for v in p99)} ({statistics.median(p99):.1f})")
    print(f"| {preset} | " + " | ".join(cells) + " |")
PY
