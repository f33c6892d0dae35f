#!/usr/bin/env bash
# Builds MNIST Studio as a self-contained application with jpackage (see packaging/README.md).
#
#   packaging/build.sh [app-image|deb|all|modules]
#
#   app-image  (default) target/packaging/image/mnist-studio: launcher + jlink runtime + jars
#   deb        the app-image, then target/packaging/mnist-studio_VERSION-1_amd64.deb
#   all        the same as deb (on Linux the .deb is built from the app-image)
#   modules    compare the jlink module list below with what jdeps finds in the jars (takes a few minutes)
#
# Environment:
#   MVN_FLAGS   extra Maven flags, e.g. MVN_FLAGS=-o to build offline
#   SKIP_MAVEN  =1: reuse target/mnist-studio.jar and target/lib from an earlier `mvn package`
#   DEB_COMPRESSION  gzip (default, under a minute), xz (2 % smaller, 13 times slower) or none
#   DEB_MAINTAINER   "Name <email>" for the .deb's Maintainer field
#   VERBOSE     =1: jpackage --verbose (lists the resources packaging/linux can override)
#   JAVA_HOME   the JDK whose jlink/jpackage/jmods to use (default: the one `javac` belongs to)
#
# Linux x86_64 only: jpackage builds for the system it runs on. packaging/README.md describes the
# Windows and macOS commands.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
target="${1:-app-image}"

name=mnist-studio
title="MNIST Studio"
main_class=org.mniststudio.Main
out="$root/target/packaging"
image="$out/image/$name"

# The jlink runtime. From jdeps over every class in target/ (`build.sh modules`) plus what jdeps cannot
# see: jdk.zipfs (ND4J's version check opens jars as zip file systems, found through a ServiceLoader).
# jlink adds what these require (java.xml, java.datatransfer, java.prefs, java.transaction.xa).
modules=(
  java.base
  java.desktop            # ImageIO, AWT images; javafx.swing (SwingFXUtils)
  java.logging            # JavaFX, DL4J dependencies
  java.management         # JavaCPP and ND4J memory reporting (MXBeans)
  jdk.management          # OSHI (com.sun.management) for ND4J's hardware information
  jdk.unsupported         # sun.misc.Unsafe: JavaCPP, ND4J, JavaFX (Marlin), shaded Guava
  jdk.unsupported.desktop # javafx.swing
  java.scripting          # javafx.fxml (FXMLLoader refers to javax.script)
  java.sql                # java.sql types used by Gson, Jackson (shaded in ND4J), threetenbp, freemarker
  java.compiler           # javax.lang.model annotations referenced by shaded libraries
  java.rmi                # DL4J core and freemarker refer to java.rmi classes
  jdk.jfr                 # JavaFX's pulse logger
  jdk.zipfs               # see above
)
# Native libraries of java.desktop that nothing here uses: leaving out libjsound also drops the
# libasound2 dependency that jpackage would otherwise declare for the .deb.
jlink_excludes='glob:**/libjsound.so,glob:**/libsplashscreen.so'
# Options of the JVM: the heap limit follows the machine's memory. ND4J keeps its arrays off the heap
# and JavaCPP bounds that memory relative to this maximum as well.
# ZGC: its pauses stay under a millisecond, where G1's young collections stopped the FX thread for 60-130 ms
# while a small MLP trained (DL4J makes many short-lived objects per batch), even with a 30 ms pause goal
java_options=(-XX:MaxRAMPercentage=50 -XX:+UseZGC)
# System libraries the natives inside the jars need (JavaFX: GTK 3, X11, OpenGL, fonts; ND4J and OpenBLAS:
# the C++ and GCC runtimes, zlib). jpackage only sees the libraries of the runtime and launcher itself.
# The "| ...t64" alternatives are the names after the 64-bit time_t rename (Debian 13, Ubuntu 24.04).
deb_deps="libgtk-3-0 | libgtk-3-0t64, libxtst6, libxxf86vm1, libgl1, libx11-6, libfontconfig1, libfreetype6, libstdc++6, libgcc-s1, zlib1g"

log() { printf '\n== %s\n' "$*"; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }
now() { date +%s; }
took() { echo "$(( $(now) - $1 )) s"; }

case "$target" in
  app-image|deb|all|modules) ;;
  -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown target '$target' (app-image, deb, all, modules)" ;;
esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ "$(uname -s)" = Linux ] || die "this script builds the Linux packages; see packaging/README.md for Windows and macOS"
[ "$(uname -m)" = x86_64 ] || die "only linux-x86_64 natives are configured (.mvn/maven.config)"

# --- the JDK ---------------------------------------------------------------------------------------------
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
fi
for tool in jar jlink jpackage jdeps; do
  [ -x "$JAVA_HOME/bin/$tool" ] || die "$JAVA_HOME/bin/$tool not found: set JAVA_HOME to a JDK 17 or later"
done
if [ ! -f "$JAVA_HOME/jmods/java.base.jmod" ]; then
  # Debian 12 ships the jmods in openjdk-17-jdk-headless; later Debian and Ubuntu releases split them out.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && apt-cache show openjdk-17-jmods >/dev/null 2>&1; then
    log "installing openjdk-17-jmods (jlink needs the JDK's jmods)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jmods >/dev/null
  fi
  [ -f "$JAVA_HOME/jmods/java.base.jmod" ] || die "$JAVA_HOME/jmods is missing: install the JDK's jmods (Debian/Ubuntu: apt-get install openjdk-17-jmods)"
fi
jlink="$JAVA_HOME/bin/jlink"
jpackage="$JAVA_HOME/bin/jpackage"
verbose=()
[ "${VERBOSE:-0}" = 1 ] && verbose=(--verbose)

# --- the jar and its dependencies ------------------------------------------------------------------------
t_maven=$(now)
if [ "${SKIP_MAVEN:-0}" != 1 ]; then
  [ "$target" = modules ] || [ -f assets/model/default-model.zip ] || die "assets/model/default-model.zip is missing: the app-image would have no bundled model"
  log "mvn package"
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_FLAGS:-} package -DskipTests
fi
jar="target/$name.jar"
[ -f "$jar" ] && [ -d target/lib ] || die "$jar or target/lib missing: run without SKIP_MAVEN=1"
jartool="$JAVA_HOME/bin/jar"
[ "$target" = modules ] || "$jartool" tf "$jar" | grep -x assets/model/default-model.zip >/dev/null \
  || die "$jar holds no bundled model (assets/model/default-model.zip was missing when it was built)"
version=$(cd "$tmp" && "$jartool" xf "$root/$jar" META-INF/MANIFEST.MF \
  && tr -d '\r' <META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: //p')
[ -n "$version" ] || die "no Implementation-Version in $jar"
app_version=${version%%-*} # jpackage wants digits and dots: 0.1.0-SNAPSHOT -> 0.1.0
maven_time=$(took "$t_maven")

if [ "$target" = modules ]; then
  log "jdeps over every class of the jar and target/lib (class path, so module descriptors are ignored)"
  command -v unzip >/dev/null || die "the modules check needs unzip"
  classes="$tmp/classes"
  for j in "$jar" target/lib/*.jar; do
    unzip -qq -o "$j" '*.class' -x 'module-info.class' 'META-INF/*' -d "$classes" 2>/dev/null || true
  done
  found=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --print-module-deps "$classes" | tail -1)
  echo "jdeps:     $found"
  echo "build.sh:  $(IFS=,; echo "${modules[*]}")"
  missing=$(comm -23 <(tr ',' '\n' <<<"$found" | sort) <(printf '%s\n' "${modules[@]}" | sort))
  [ -z "$missing" ] && echo "build.sh has every module jdeps found" || die "modules jdeps found that build.sh lacks: $(echo $missing)"
  exit 0
fi

# --- input: the jars the launcher puts on the class path -------------------------------------------------
log "staging the jars"
rm -rf "$out"
mkdir -p "$out/input/lib"
cp "$jar" "$out/input/"
# Hard links when possible: target/lib is 350 MB.
cp -l target/lib/*.jar "$out/input/lib/" 2>/dev/null || cp target/lib/*.jar "$out/input/lib/"
# Natives for other systems must not come along (they would if javacpp.platform were not set).
others=$(cd "$out/input/lib" && ls | grep -E -e '-(windows|macosx|android|ios)-' -e '-linux-(arm64|armhf|ppc64le|x86)[.-]' || true)
[ -z "$others" ] || die "native jars for other platforms in target/lib (is -Djavacpp.platform=linux-x86_64 set?): $others"
# nd4j-native comes in three Linux builds. NativeSetup picks -onednn-avx2 on CPUs with AVX2 and -onednn
# (compiled for generic x86-64) on all others; it never picks the plain build while -onednn is present,
# so the plain build (91 MB) stays out of the image.
plain=nd4j-native-*-linux-x86_64.jar
if compgen -G "$out/input/lib/nd4j-native-*-linux-x86_64-onednn.jar" >/dev/null; then
  rm -f "$out"/input/lib/$plain
fi

# --- runtime ---------------------------------------------------------------------------------------------
log "jlink: $(IFS=,; echo "${modules[*]}")"
t_jlink=$(now)
# bin/java stays (bin/mnist-studio starts it, for class-data sharing: see packaging/linux/launcher.sh) with
# a CDS archive of the runtime's own classes, which a per-user archive of the application's classes builds on
# (+22 MB); the runtime's other commands go.
"$jlink" --add-modules "$(IFS=,; echo "${modules[*]}")" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive \
  --exclude-files="$jlink_excludes" \
  --output "$out/runtime"
find "$out/runtime/bin" -type f ! -name java -delete
jlink_time=$(took "$t_jlink")

# --- app-image -------------------------------------------------------------------------------------------
log "jpackage app-image"
t_image=$(now)
java_option_args=()
for o in "${java_options[@]}"; do java_option_args+=(--java-options "$o"); done
"$jpackage" "${verbose[@]}" --type app-image \
  --name "$name" --app-version "$app_version" --vendor "$title" \
  --icon assets/icons/mnist-studio-256.png \
  --input "$out/input" --main-jar "$name.jar" --main-class "$main_class" \
  --runtime-image "$out/runtime" \
  "${java_option_args[@]}" \
  --dest "$out/image"
# The launcher script goes in front of jpackage's launcher (see packaging/linux/launcher.sh for why).
# jpackage's launcher reads lib/app/<its own file name>.cfg, so the two are renamed together.
mv "$image/bin/$name" "$image/bin/$name-jvm"
mv "$image/lib/app/$name.cfg" "$image/lib/app/$name-jvm.cfg"
install -m 755 packaging/linux/launcher.sh "$image/bin/$name"
# Every icon size, for the .deb's postinst to put in the hicolor theme (the menu entry uses them).
mkdir -p "$image/lib/icons"
for size in 16 32 48 64 128 256; do
  install -m 644 "assets/icons/mnist-studio-$size.png" "$image/lib/icons/"
done
image_time=$(took "$t_image")

# --- .deb ------------------------------------------------------------------------------------------------
deb_time=-
if [ "$target" = deb ] || [ "$target" = all ]; then
  command -v fakeroot >/dev/null || die "jpackage --type deb needs fakeroot (apt-get install fakeroot)"
  command -v dpkg-deb >/dev/null || die "jpackage --type deb needs dpkg-deb"
  log "jpackage deb"
  t_deb=$(now)
  description=$(sed -n 's:.*<description>\(.*\)</description>.*:\1:p' pom.xml | head -1)
  license=()
  [ -f LICENSE ] && license=(--license-file LICENSE)
  # The image is mostly jars, which are compressed already: xz (dpkg-deb's own default) made a .deb
  # only 2 % smaller than gzip (299.8 MB against 305.6 MB) and took 13 times as long (minutes).
  # dpkg-deb reads this variable from dpkg 1.21.10 on (Debian 12 has 1.21.22); older ones use xz.
  export DPKG_DEB_COMPRESSOR_TYPE="${DEB_COMPRESSION:-gzip}"
  "$jpackage" "${verbose[@]}" --type deb \
    --app-image "$image" \
    --name "$name" --app-version "$app_version" --vendor "$title" \
    --description "$description" \
    --copyright "MNIST Studio contributors" \
    ${DEB_MAINTAINER:+--linux-deb-maintainer "$DEB_MAINTAINER"} \
    --icon assets/icons/mnist-studio-256.png \
    --resource-dir packaging/linux \
    "${license[@]}" \
    --linux-package-name "$name" \
    --linux-app-category science \
    --linux-menu-group "Education;Science;ArtificialIntelligence;" \
    --linux-shortcut \
    --linux-package-deps "$deb_deps" \
    --dest "$out"
  deb_time=$(took "$t_deb")
fi

# --- summary ---------------------------------------------------------------------------------------------
log "done"
echo "version      $version"
echo "maven        $maven_time"
echo "jlink        $jlink_time ($(du -sh "$out/runtime" | cut -f1) runtime)"
echo "app-image    $image_time: $image ($(du -sh "$image" | cut -f1))"
for deb in "$out"/*.deb; do
  [ -f "$deb" ] || continue
  echo "deb          $deb_time: $deb ($(du -h "$deb" | cut -f1); installed $(dpkg-deb -f "$deb" Installed-Size) KiB)"
done
echo "launcher     $image/bin/$name"
