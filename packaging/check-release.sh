#!/bin/sh
# SPDX-License-Identifier: MIT
# Checks jreleaser.yml offline as release.yml runs it on a tag: jreleaser:config, then a dry-run full release
# with a dummy token over the artifacts this build made, then that the checksums file names the tarball the
# way install.sh looks it up. It runs in a scratch git repository whose origin is the GitHub project: JReleaser
# takes the release host from the origin remote, which in a CI clone or a git worktree is a local path.
# Usage: check-release.sh PROJECT_DIR TARGET_DIR VERSION
set -eu
project=$1
target=$2
version=$3
scratch=$target/release-check
tarball=memory-daemon-$version-linux-x86_64.tar.gz

for file in "$target/$tarball" "$target/packages/memory-daemon_${version}-1_amd64.deb" \
    "$target/packages/memory-daemon-${version}-1.x86_64.rpm"; do
    if [ ! -f "$file" ]; then
        echo "release check: $file was not built (see build-packages.sh above)" >&2
        # a developer without rpm/fakeroot still gets a green verify; CI must check the whole release
        if [ -n "${CI:-}" ]; then exit 1; fi
        echo "release check: skipped" >&2
        exit 0
    fi
done
rm -rf "$scratch"
mkdir -p "$scratch/target/packages"
cp -R "$project/mvnw" "$project/.mvn" "$project/.gitignore" "$project/pom.xml" "$project/jreleaser.yml" \
    "$project/install.sh" "$project/LICENSE" "$project/README.md" "$scratch/"
cp -l "$target/$tarball" "$scratch/target/"
cp -l "$target"/packages/*.deb "$target"/packages/*.rpm "$scratch/target/packages/"
git -C "$scratch" init -q
git -C "$scratch" add -A
git -C "$scratch" -c user.name=release-check -c user.email=release-check@localhost commit -qm "release check"
git -C "$scratch" remote add origin https://github.com/memory-daemon/memory-daemon.git

echo "release check: jreleaser:config and a dry-run jreleaser:full-release in $scratch"
JRELEASER_GITHUB_TOKEN=dry-run-dummy "$scratch/mvnw" -B -ntp -q -f "$scratch/pom.xml" \
    jreleaser:config jreleaser:full-release -Djreleaser.dry.run=true > "$scratch/jreleaser.log" 2>&1 \
    || { cat "$scratch/jreleaser.log"; echo "release check: JReleaser failed (log above)" >&2; exit 1; }
sums=$scratch/target/jreleaser/checksums/checksums_sha256.txt
for file in "$tarball" install.sh "memory-daemon_${version}-1_amd64.deb" "memory-daemon-${version}-1.x86_64.rpm"; do
    grep -q "^[0-9a-f]\{64\}  $file\$" "$sums" \
        || { echo "release check: $sums does not list $file as install.sh expects" >&2; exit 1; }
done
echo "release check: ok ($sums lists the tarball, install.sh, the .deb and the .rpm)"
