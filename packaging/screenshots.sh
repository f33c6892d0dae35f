#!/usr/bin/env bash
# Regenerates the screenshots of the README (assets/screenshots/*.png) from the real window under Xvfb.
#
# The application draws a sample digit, trains a small network for a few epochs, opens the Mistakes tab and
# writes one PNG per tab (system property mniststudio.screenshots), then exits. Takes a few minutes.
#
#   packaging/screenshots.sh [output-dir]          # default assets/screenshots, window 1280x800
#   SIZE=1024x700 packaging/screenshots.sh /tmp/s  # another window size
#
# Needs: xvfb-run (apt-get install xvfb xauth libgtk-3-0 libxtst6), a built jar (mvn -o -B package -DskipTests);
# ImageMagick's convert, if present, shrinks the PNGs.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-assets/screenshots}
size=${SIZE:-1280x800}
jar=target/mnist-studio.jar

if [ ! -f "$jar" ]; then
    mvn -o -B package -DskipTests
fi
command -v xvfb-run >/dev/null || { echo "xvfb-run is missing: apt-get install xvfb xauth" >&2; exit 1; }
mkdir -p "$out"

xvfb-run -a -s "-screen 0 ${size}x24" \
    java -Dprism.order=sw -Dmniststudio.screenshots="$out" \
         -Dmniststudio.screenshots.epochs="${EPOCHS:-6}" -Dmniststudio.screenshots.images="${IMAGES:-20000}" \
         ${MODEL:+-Dmniststudio.model="$MODEL"} \
         -jar "$jar"

for png in "$out"/draw.png "$out"/train.png "$out"/mistakes.png; do
    [ -f "$png" ] || { echo "missing $png" >&2; exit 1; }
    if command -v convert >/dev/null; then
        convert "$png" -strip -colors 256 PNG8:"$png.tmp" && mv "$png.tmp" "$png"
    fi
done
ls -l "$out"
