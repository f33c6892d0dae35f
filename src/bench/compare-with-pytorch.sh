#!/usr/bin/env bash
# DL4J (this project's `bench` command) against the PyTorch reference on the same networks, batch sizes and
# optimizer, interleaved in one session so that both see the same machine. Prints every run's JSON line and
# then a Markdown table of medians and ratios (DL4J / PyTorch).
#
#   src/bench/compare-with-pytorch.sh [--rounds N] [--images N] [--presets "cnn lenet"] [--out FILE]
#
# Needs `mvn package` first (target/mnist-studio.jar + target/lib), and for the reference Debian's
# python3-torch and libopenblas0-openmp (not project dependencies):
#   apt-get install -y python3-torch libopenblas0-openmp
# The reference script is found at $PYTORCH_REFERENCE (default: ../shared/bench/pytorch_reference.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=3
images=10000
presets="mlp-small mlp-wide mlp-deep cnn lenet"
out=target/bench/compare.jsonl
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --images) images=$2; shift 2 ;;
    --presets) presets=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
reference=${PYTORCH_REFERENCE:-../shared/bench/pytorch_reference.py}
[ -f target/mnist-studio.jar ] || { echo "target/mnist-studio.jar is missing: run mvn package first" >&2; exit 1; }
[ -f "$reference" ] || { echo "no PyTorch reference at $reference (set PYTORCH_REFERENCE)" >&2; exit 1; }
/usr/bin/python3 -c 'import torch' 2>/dev/null \
  || { echo "PyTorch is missing: apt-get install -y python3-torch libopenblas0-openmp" >&2; exit 1; }

# The reference reads raw IDX files; the project ships them gzipped.
data=target/bench/mnist
mkdir -p "$data"
for f in assets/mnist/*.gz; do
  raw="$data/$(basename "$f" .gz)"
  [ -f "$raw" ] || gunzip -c "$f" > "$raw"
done
mkdir -p "$(dirname "$out")"
: > "$out"

for round in $(seq 1 "$rounds"); do
  for preset in $presets; do
    # the launcher's setting for DL4J (PASSIVE lets its idle OpenMP threads sleep); PyTorch runs as it comes
    # and the reference's own 100 untimed predict calls, not bench's default 2000, so latencies compare like for like
    OMP_WAIT_POLICY=PASSIVE java -Xmx4g -jar target/mnist-studio.jar bench --preset "$preset" --epochs 2 \
        --warmup-images 2000 --images "$images" --latency-warmup 100 --json 2>/dev/null | tail -n 1 \
      | sed "s/^{/{\"round\": $round, /" | tee -a "$out"
    /usr/bin/python3 "$reference" --data "$data" --preset "$preset" --epochs 1 --warmup-images 2000 --json \
        2>/dev/null | tail -n 1 | sed "s/^{/{\"round\": $round, /" | tee -a "$out"
  done
done

/usr/bin/python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def med(preset, fw, key):
    v = [r[key] for r in rows if r['preset'] == preset and r['framework'].startswith(fw) and key in r]
    return statistics.median(v) if v else float('nan')
print()
print('| preset (batch) | DL4J img/s | PyTorch img/s | DL4J / PyTorch | DL4J predict p50 / p99 (us) | PyTorch predict p50 / p99 (us) |')
print('|---|---|---|---|---|---|')
seen = []
for r in rows:
    if r['preset'] not in seen:
        seen.append(r['preset'])
for p in seen:
    batch = next(r['batch'] for r in rows if r['preset'] == p)
    d, t = med(p, 'dl4j', 'images_per_s'), med(p, 'pytorch', 'images_per_s')
    print(f"| {p} ({batch}) | {d:,.0f} | {t:,.0f} | {d / t:.2f}x | {med(p, 'dl4j', 'predict_p50_us'):,.0f} / "
          f"{med(p, 'dl4j', 'predict_p99_us'):,.0f} | {med(p, 'pytorch', 'predict_p50_us'):,.0f} / "
          f"{med(p, 'pytorch', 'predict_p99_us'):,.0f} |")
print(f"\nmedians over {max(r['round'] for r in rows)} interleaved rounds; DL4J predict includes preprocessing a "
      "280x280 canvas, PyTorch's is the network alone")
PY
