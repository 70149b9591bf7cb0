#!/bin/sh
# SPDX-License-Identifier: MIT
# Packs TARGET/image with README.md and LICENSE as TARGET/memory-daemon-VERSION-linux-x86_64.tar.gz, top
# directory memory-daemon-VERSION/. The class-data sharing archives stay out (install.sh regenerates them).
# Usage: build-tarball.sh TARGET_DIR VERSION PROJECT_DIR
set -eu
target=$1
version=$2
project=$3
top=memory-daemon-$version
stage=$target/tarball
tarball=$target/$top-linux-x86_64.tar.gz

rm -rf "$stage"
mkdir -p "$stage"
cp -a "$target/image" "$stage/$top"
rm -f "$stage/$top"/lib/server/*.jsa
cp "$project/README.md" "$project/LICENSE" "$stage/$top/"
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner -cf - "$top" | gzip -9n > "$tarball.tmp"
mv "$tarball.tmp" "$tarball"
rm -rf "$stage"
echo "tarball: $tarball ($(du -h "$tarball" | cut -f1))"
