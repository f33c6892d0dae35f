#!/bin/sh
# MNIST Studio launcher (Linux). build.sh installs this as bin/mnist-studio in the app-image, in front of the
# native launcher made by jpackage (renamed bin/mnist-studio-jvm). The menu entry and /usr/bin/mnist-studio
# both run this script.
#
# It exists for one environment variable. ND4J's native code uses OpenMP (libgomp), which reads
# OMP_WAIT_POLICY once, when the library loads, so Java cannot set it afterwards, and jpackage launchers can
# pass JVM options but not environment variables. With libgomp's default, OpenMP threads busy-wait for a
# while after every parallel operation, burning the cores the JavaFX and training threads need; PASSIVE
# makes them sleep at once.
# A value the user already set is kept.
OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export OMP_WAIT_POLICY

# readlink -f: /usr/bin/mnist-studio is a symbolic link to this file.
here=$(dirname "$(readlink -f "$0")")
exec "$here/mnist-studio-jvm" "$@"
