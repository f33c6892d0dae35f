#!/usr/bin/env bash
# Smoke test of a built app-image (or an installed copy):
#
#   packaging/smoke-test.sh [target/packaging/image/mnist-studio]
#
# Runs its launcher, bin/mnist-studio, as a user would, and checks that
#   1. `--version` prints "MNIST Studio <the image's version>" (through jpackage's own launcher: launcher.sh
#      hands it every run that loads no network);
#   2. `predict` classifies the MNIST test digits in packaging/test-data correctly (their file names end in
#      -digit-N.png) with the bundled model, on the native build NativeSetup chose for this CPU, and the first
#      predict made a class-data sharing archive for the next ones (launcher.sh);
#   3. the same with the generic x86-64 oneDNN build forced, the one CPUs without AVX2 get (the image leaves
#      out the plain build, so this must work);
#      and `predict --json` prints one JSON object per image and nothing else;
#   4. `evaluate --json` reads the bundled MNIST test set (10,000 images);
#   5. the window opens under Xvfb: the program is still running after WINDOW_SECONDS (default 10) with a
#      top-level window whose title contains "MNIST Studio", and its output holds no exception. The window
#      has no option to close itself, so the test then kills it. While the program has no window yet
#      (no command prints the usage), this check is skipped with a note.
#
# Environment: WINDOW_SECONDS, SKIP_WINDOW=1 (no Xvfb available). Needs xvfb-run (xvfb, xauth) and
# xwininfo (x11-utils). Exit status 0 when every check passed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
image=$(cd "${1:-$here/../target/packaging/image/mnist-studio}" && pwd) || exit 2
launcher="$image/bin/mnist-studio"
[ -x "$launcher" ] || { echo "no launcher at $launcher" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
# The launcher keeps its class-data sharing archives in the user's cache (launcher.sh): here, a fresh one
export XDG_CACHE_HOME="$work/cache"

pass() { printf 'PASS  %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*"; failures=$((failures + 1)); }
show() { sed 's/^/      | /' "$1" | tail -n "${2:-20}"; }
# Exceptions in a log, ignoring nothing: the app prints none when all is well.
exceptions() { grep -E 'Exception|^\s+at [a-z]|Error:|FATAL' "$1" | grep -v -E '^\[main\] INFO' | head -5; }

# 1. --version
expected=$(sed -n 's:.*<app-version>\(.*\)</app-version>.*:\1:p' "$image/lib/app/.jpackage.xml" 2>/dev/null)
if "$launcher" --version >"$work/version.out" 2>"$work/version.err" \
    && grep -qx "MNIST Studio ${expected:-[0-9.]*}.*" "$work/version.out"; then
  pass "--version: $(cat "$work/version.out")"
else
  fail "--version printed '$(cat "$work/version.out")', expected 'MNIST Studio ${expected:-VERSION}'"
  show "$work/version.err"
fi

# 2 and 3. predict
images=("$here"/test-data/*-digit-[0-9].png)
check_predict() { # label, then extra JAVA_TOOL_OPTIONS
  local label=$1 options=${2:-} wrong=0 line file digit got
  if ! JAVA_TOOL_OPTIONS="$options" "$launcher" predict "${images[@]}" >"$work/predict.out" 2>"$work/predict.err"; then
    fail "predict ($label) exited with status $?"; show "$work/predict.err"; return
  fi
  for file in "${images[@]}"; do
    digit=${file%.png}; digit=${digit##*-digit-}
    line=$(grep -F "$file: " "$work/predict.out")
    got=$(sed -n 's/.*: \([0-9]\) (.*/\1/p' <<<"$line")
    if [ "$got" != "$digit" ]; then
      fail "predict ($label): $(basename "$file") is a $digit, the launcher said: ${line:-nothing}"; wrong=1
    fi
  done
  if [ -n "$(exceptions "$work/predict.err")" ]; then
    fail "predict ($label) logged an exception:"; exceptions "$work/predict.err" | sed 's/^/      | /'; wrong=1
  fi
  [ $wrong = 0 ] && pass "predict ($label): $(sed 's|.*/||' "$work/predict.out" | paste -sd ' ' | sed 's/ mnist/; mnist/g')"
}
check_predict "native build chosen for this CPU"
# class-data sharing: the first predict made an archive, which the next runs use (launcher.sh)
if [ -x "$image/lib/runtime/bin/java" ]; then
  archive=$(ls "$XDG_CACHE_HOME"/mnist-studio/cds/*/predict.jsa 2>/dev/null | head -1)
  if [ -s "$archive" ]; then
    pass "class-data sharing: the first predict made a $(du -m "$archive" | cut -f1) MB archive for the next ones"
  else
    fail "class-data sharing: no predict archive in $XDG_CACHE_HOME/mnist-studio/cds after the first predict"
  fi
fi
check_predict "generic x86-64 oneDNN build forced" "-Dorg.bytedeco.javacpp.platform.extension=-onednn"
grep -q "Binary level Generic x86" "$work/predict.err" \
  || fail "the forced run did not report ND4J's generic x86 build (log: $(grep -m1 'Binary level' "$work/predict.err"))"

# 3b. predict --json: one JSON object a line, nothing else on stdout (the JVM's own messages included)
if "$launcher" predict --json "${images[@]}" >"$work/json.out" 2>"$work/json.err" \
    && [ "$(grep -c '^{"file":' "$work/json.out")" = "${#images[@]}" ] \
    && [ "$(wc -l <"$work/json.out")" = "${#images[@]}" ]; then
  pass "predict --json: ${#images[@]} lines, each one JSON object"
else
  fail "predict --json printed more or less than one object per image:"; show "$work/json.out" 5
fi

# 4. evaluate on the bundled test set
if "$launcher" evaluate --json >"$work/evaluate.out" 2>"$work/evaluate.err" \
    && grep -q '"images":10000' "$work/evaluate.out"; then
  pass "evaluate: bundled model on the bundled test set, accuracy $(sed -n 's/.*"accuracy":\([0-9.]*\).*/\1/p' "$work/evaluate.out")"
else
  fail "evaluate --json did not report 10000 images"; show "$work/evaluate.out" 5; show "$work/evaluate.err"
fi

# 5. the window, headless
if [ "${SKIP_WINDOW:-0}" = 1 ]; then
  echo "SKIP  window (SKIP_WINDOW=1)"
elif ! command -v xvfb-run >/dev/null || ! command -v xwininfo >/dev/null; then
  fail "window: xvfb-run and xwininfo are needed (apt-get install xvfb xauth x11-utils), or set SKIP_WINDOW=1"
else
  seconds=${WINDOW_SECONDS:-10}
  # Inside the X server: start the launcher without a command, wait, look for its window, then stop it.
  cat >"$work/window.sh" <<'EOF'
"$1" >"$2/window.out" 2>"$2/window.err" &
pid=$!
for _ in $(seq "$3"); do sleep 1; kill -0 "$pid" 2>/dev/null || break; done
if kill -0 "$pid" 2>/dev/null; then
  echo running >"$2/window.state"
  xwininfo -root -tree >"$2/window.tree" 2>&1
  kill "$pid"; sleep 2; kill -9 "$pid" 2>/dev/null
else
  wait "$pid"; echo "exited $?" >"$2/window.state"
fi
EOF
  timeout $((seconds + 60)) xvfb-run -a -s "-screen 0 1280x1024x24" bash "$work/window.sh" "$launcher" "$work" "$seconds"
  state=$(cat "$work/window.state" 2>/dev/null || echo "no state (xvfb-run failed?)")
  cat "$work/window.out" "$work/window.err" >"$work/window.log" 2>/dev/null
  if [ "$state" = running ]; then
    # xwininfo: 0x400003 "title": ("WM_CLASS instance" "WM_CLASS class")  600x700+340+108  +340+108
    title=$(grep -i '"[^"]*MNIST Studio[^"]*"' "$work/window.tree" | head -1 | sed 's/^ *0x[0-9a-f]* //; s/  .*//')
    if [ -z "$title" ]; then
      fail "window: the program ran ${seconds} s but showed no window titled 'MNIST Studio'"; show "$work/window.log"
    elif [ -n "$(exceptions "$work/window.log")" ]; then
      fail "window: exception in the output:"; exceptions "$work/window.log" | sed 's/^/      | /'
    else
      pass "window: ${title} after ${seconds} s, no exception"
    fi
  elif grep -q '^Usage: mnist-studio' "$work/window.out" && [ "$state" = "exited 0" ]; then
    echo "SKIP  window: this build has no window yet (without a command it printed the usage)"
  else
    fail "window: the program stopped within ${seconds} s ($state)"; show "$work/window.log"
  fi
fi

echo
if [ $failures = 0 ]; then echo "smoke test passed: $image"; else echo "smoke test: $failures check(s) failed"; fi
[ $failures = 0 ]
