#!/bin/sh
# SPDX-License-Identifier: MIT
# Packs TARGET/image with README.md and LICENSE as TARGET/memory-daemon-VERSION-linux-x86_64.tar.gz, top
# directory memory-daemon-VERSION/, and its SHA-256 in TARGET/checksums_sha256.txt (a release's format). The class-data
# sharing archives stay out (install.sh regenerates them).
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
# beside it, as a release serves them: install.sh --from TARGET/<tarball> checks the tarball against this file
(cd "$target" && sha256sum "$top-linux-x86_64.tar.gz") > "$target/checksums_sha256.txt.tmp"
mv "$target/checksums_sha256.txt.tmp" "$target/checksums_sha256.txt"
echo "tarball: $tarball ($(du -h "$tarball" | cut -f1)), its checksum in $target/checksums_sha256.txt"
