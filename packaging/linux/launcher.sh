#!/bin/sh
# MNIST Studio launcher (Linux). build.sh installs this as bin/mnist-studio in the app-image, in front of the
# native launcher made by jpackage (renamed bin/mnist-studio-jvm). The menu entry and /usr/bin/mnist-studio
# both run this script.
#
# It exists for environment variables. ND4J's native code uses OpenMP (libgomp), which reads
# OMP_WAIT_POLICY once, when the library loads, so Java cannot set it afterwards, and jpackage launchers can
# pass JVM options but not environment variables. With libgomp's default, OpenMP threads busy-wait for a
# while after every parallel operation, burning the cores the JavaFX and training threads need; PASSIVE
# makes them sleep at once.
# A value the user already set is kept.
OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export OMP_WAIT_POLICY

# `predict` classifies one image at a time: splitting a batch-1 operation over threads only adds wake-ups.
# Measured on 2 cores (LeNet, network alone, 2,000 calls): p99 7.3-8.1 ms with two OpenMP threads,
# 1.7-2.0 ms with one. The thread count is also read once, at load, so it is chosen here, by command.
if [ "${1:-}" = "predict" ]; then
  OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
  export OMP_NUM_THREADS
fi

# readlink -f: /usr/bin/mnist-studio is a symbolic link to this file.
here=$(dirname "$(readlink -f "$0")")
root=$(dirname "$here")
app="$root/lib/app"
java="$root/lib/runtime/bin/java"
cfg="$app/mnist-studio-jvm.cfg"

# Class-data sharing. Most of a start is the JVM loading and verifying the classes of ND4J, DL4J and JavaFX;
# a CDS archive of them, mapped at start, made the window usable after 3.1-3.6 s instead of 4.6-5.2 s here,
# and `predict` on one image take 1.7-1.8 s instead of 2.5-2.6 s.
# An archive only fits the jars at the paths it was made with (JDK 17), so one is made for each installed
# copy, by each user, on the first run (-XX:ArchiveClassesAtExit, written as the program ends) and used from
# the second on. jpackage's launcher cannot be given such a per-user option, so this script starts the
# runtime's java itself, with the class path, main class and options of jpackage's .cfg (build.sh writes
# them there, once). MNIST_STUDIO_CDS=0 turns this off; without a java in the runtime it is off.
# The window and each command load different classes (JavaFX, or not; the network, or not): an archive for
# each, so that the first run of one does not decide what another gets. No arguments opens the window (see
# Main); the commands that load no network (--version, --help) start fast anyway and go to jpackage's launcher.
kind=
if [ $# -eq 0 ]; then
  kind=window
else
  case "$1" in predict | evaluate | train | bench) kind=$1 ;; esac
fi
if [ -n "$kind" ] && [ "${MNIST_STUDIO_CDS:-1}" != 0 ] && [ -x "$java" ] && [ -r "$cfg" ]; then
  main=$(sed -n 's/^app.mainclass=//p' "$cfg")
  classpath=$(sed -n 's/^app.classpath=//p' "$cfg" | sed "s|\\\$APPDIR|$app|g" | paste -sd: -)
  options=$(sed -n 's/^java-options=//p' "$cfg" | sed "s|\\\$APPDIR|$app|g")
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/mnist-studio/cds"
  # a folder per copy and version: its name changes with the copy's path, its jars and its runtime
  key=$( { echo "$root"; ls -l --time-style=+%s "$app" "$app/lib" "$root/lib/runtime/lib/modules"; } 2>/dev/null \
    | cksum | cut -d' ' -f1)
  dir="$cache/$key"
  archive="$dir/$kind.jsa"
  # CDS reports on stdout; a command's output (predict --json) must hold nothing else
  quiet=-Xlog:disable
  if [ -s "$archive" ]; then
    # shellcheck disable=SC2086 # the options are words without spaces, as jpackage writes them
    exec "$java" -XX:SharedArchiveFile="$archive" $quiet $options -cp "$classpath" "$main" "$@"
  fi
  if mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ]; then
    echo "$root" > "$dir/copy"
    # the archives of copies that are gone, and of this copy's earlier versions
    for other in "$cache"/*/; do
      other=${other%/}
      [ "$other" = "$dir" ] || [ ! -f "$other/copy" ] && continue # (one being made right now has none yet)
      was=$(cat "$other/copy")
      if [ "$was" = "$root" ] || [ ! -d "$was" ]; then rm -rf "$other"; fi
    done
    partial="$archive.$$.partial"
    # In the background, to be able to pass on a request to stop (kill, logout) and still wait for the JVM
    # to write the archive as it ends. A background command's stdin would be /dev/null: it gets this one's.
    exec 3<&0
    # shellcheck disable=SC2086
    "$java" -XX:ArchiveClassesAtExit="$partial" $quiet $options -cp "$classpath" "$main" "$@" <&3 3<&- &
    child=$!
    trap 'kill -TERM "$child" 2>/dev/null' TERM INT HUP
    while :; do
      wait "$child"
      status=$?
      kill -0 "$child" 2>/dev/null || break # wait returns early when a signal comes in
    done
    # Kept only from a run that ended well (one that failed early loaded few classes), and written whole or
    # not at all: a run killed while it writes leaves no archive to be used.
    if [ "$status" -eq 0 ] && [ -s "$partial" ]; then mv -f "$partial" "$archive"; else rm -f "$partial"; fi
    exit $status
  fi
fi
exec "$here/mnist-studio-jvm" "$@"
