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
exec "$here/mnist-studio-jvm" "$@"
