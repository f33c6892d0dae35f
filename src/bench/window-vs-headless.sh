#!/usr/bin/env bash
# The window's cost: training speed with the Train tab's live charts on screen against the headless `train`
# command, same preset, images and epochs, interleaved; and how long after the JVM starts the window is usable
# (first frame drawn with the model loaded). Runs the window under Xvfb.
#
#   src/bench/window-vs-headless.sh [--rounds N] [--preset lenet] [--images 10000] [--epochs 3]
#
# Needs `mvn package` first and xvfb-run (apt-get install xvfb xauth). Speeds are the median of the epochs
# after the first (the first warms up); the ratio is window / headless, so 0.95 means the window costs 5 %.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=3
preset=lenet
images=10000
epochs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --preset) preset=$2; shift 2 ;;
    --images) images=$2; shift 2 ;;
    --epochs) epochs=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f target/mnist-studio.jar ] || { echo "target/mnist-studio.jar is missing: run mvn package first" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "xvfb-run is missing: apt-get install xvfb xauth" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=target/bench/window-vs-headless.jsonl
mkdir -p target/bench
: > "$out"
# the packaged launcher's settings, for both
export OMP_WAIT_POLICY=PASSIVE
jvm=(-Xmx4g -XX:+UseZGC)

for round in $(seq 1 "$rounds"); do
  xvfb-run -a -s "-screen 0 1280x800x24" java "${jvm[@]}" -Dmniststudio.bench="$work/window.jsonl" \
      -Dmniststudio.bench.preset="$preset" -Dmniststudio.bench.images="$images" \
      -Dmniststudio.bench.epochs="$epochs" -jar target/mnist-studio.jar >/dev/null 2>&1
  tail -n 1 "$work/window.jsonl" | sed "s/^{/{\"round\": $round, /" | tee -a "$out"
  # headless: the same run through the train command; its "epoch N: ... X img/s" lines give the speeds
  java "${jvm[@]}" -jar target/mnist-studio.jar train --preset "$preset" --limit "$images" --epochs "$epochs" \
      --out "$work/headless.zip" 2>/dev/null > "$work/headless.log"
  speeds=$(sed -n 's/^epoch [0-9]*: .*, \([0-9.]*\) img\/s$/\1/p' "$work/headless.log" | paste -sd, -)
  [ -n "$speeds" ] || { echo "the headless run printed no epochs:" >&2; cat "$work/headless.log" >&2; exit 1; }
  echo "{\"round\": $round, \"mode\": \"headless\", \"preset\": \"$preset\", \"epochs_images_per_s\": [$speeds]}" \
    | tee -a "$out"
done

/usr/bin/python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def timed(r):
    e = r['epochs_images_per_s']
    return statistics.median(e[1:] if len(e) > 1 else e)
window = [timed(r) for r in rows if r['mode'] == 'window']
headless = [timed(r) for r in rows if r['mode'] == 'headless']
ratios = [w / h for w, h in zip(window, headless)]
usable = [r['window_usable_ms'] for r in rows if r['mode'] == 'window']
print(f"\nwindow {statistics.median(window):,.0f} img/s, headless {statistics.median(headless):,.0f} img/s; "
      f"window / headless per round {', '.join(f'{x:.3f}' for x in ratios)}, median {statistics.median(ratios):.3f}")
print(f"window usable after {', '.join(str(u) for u in usable)} ms (JVM start to the first frame with the model "
      f"loaded); median of the warm rounds {statistics.median(usable[1:] if len(usable) > 1 else usable):,.0f} ms")
PY
