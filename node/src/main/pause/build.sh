#!/usr/bin/env bash
# Rebuilds the pause binary that ImageLoader imports as the pod sandbox image (binutils only, no libc).
# PauseBinaryTest checks that the committed binary is what this script makes of pause-amd64.S.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
out=${1:-../resources/io/jk8s/node/runtime/pause-amd64}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
as -o "$tmp/pause.o" pause-amd64.S
ld -static -nostdlib -n -s --build-id=none -o "$out" "$tmp/pause.o"
