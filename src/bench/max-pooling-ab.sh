#!/usr/bin/env bash
# DL4J's max pooling (oneDNN, as DL4J M2.1 runs it with layer helpers on) against OwnMaxPoolingLayer
# (libnd4j's own implementation), through the real `bench` command, in interleaved rounds. Prints each run's
# JSON line, then medians per preset and the ratio own / DL4J's.
#
#   src/bench/max-pooling-ab.sh [--rounds N] [--images N] [--presets "lenet cnn best"]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=3
images=6000
presets="lenet cnn best"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --images) images=$2; shift 2 ;;
    --presets) presets=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f target/mnist-studio.jar ] || { echo "target/mnist-studio.jar is missing: run mvn package first" >&2; exit 1; }
out=target/bench/max-pooling-ab.jsonl
mkdir -p "$(dirname "$out")"
: > "$out"
for round in $(seq 1 "$rounds"); do
  for preset in $presets; do
    for own in true false; do
      OMP_WAIT_POLICY=PASSIVE java -Xmx4g -Dmniststudio.ownMaxPooling=$own -jar target/mnist-studio.jar bench \
          --preset "$preset" --epochs 2 --warmup-images 2000 --images "$images" --json 2>/dev/null | tail -n 1 \
        | sed "s/^{/{\"round\": $round, \"own_max_pooling\": $own, /" | tee -a "$out"
    done
  done
done
/usr/bin/python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
print()
print("| preset | DL4J's pooling img/s | own pooling img/s | own / DL4J's (median of paired rounds) | predict p50 / p99 us, DL4J's | own |")
print("|---|---|---|---|---|---|")
for preset in dict.fromkeys(r['preset'] for r in rows):
    def pick(own, key):
        return [r[key] for r in rows if r['preset'] == preset and r['own_max_pooling'] == own]
    a, b = pick(False, 'images_per_s'), pick(True, 'images_per_s')
    ratios = [y / x for x, y in zip(a, b)]
    m = statistics.median
    print(f"| {preset} | {m(a):,.0f} | {m(b):,.0f} | {m(ratios):.2f}x ({', '.join(f'{r:.2f}' for r in ratios)}) "
          f"| {m(pick(False, 'predict_p50_us')):,.0f} / {m(pick(False, 'predict_p99_us')):,.0f} "
          f"| {m(pick(True, 'predict_p50_us')):,.0f} / {m(pick(True, 'predict_p99_us')):,.0f} |")
PY
