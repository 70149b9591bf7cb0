#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds the .deb and the .rpm with jpackage from TARGET/image (the same runtime as the tarball, with its CDS
# archives): the runtime goes to /opt/memory-daemon and our sh launchers are linked from /usr/bin (deb: by
# postinst/prerm, rpm: in the payload). The control file, maintainer scripts and spec are in packaging/linux.
# Usage: build-packages.sh TARGET_DIR VERSION PROJECT_DIR [JAVA_HOME] [TYPES]   (TYPES default: "deb rpm")
set -eu
target=$1
version=$2
project=$3
jdk=${4:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}}
types=${5:-deb rpm}
here=$(cd "$(dirname "$0")" && pwd)
dest=$target/packages

mkdir -p "$dest"
for type in $types; do
    case $type in
        deb) tool=fakeroot ;;
        rpm) tool=rpmbuild ;;
        *) echo "build-packages.sh: unknown type $type (deb or rpm)" >&2; exit 2 ;;
    esac
    if ! command -v "$tool" > /dev/null 2>&1; then
        echo "build-packages.sh: no $tool here, so no .$type (apt-get install ${tool%build} to build it)" >&2
        continue
    fi
    rm -f "$dest"/*."$type"
    echo "jpackage: building the .$type into $dest"
    "$jdk/bin/jpackage" --type "$type" --runtime-image "$target/image" --dest "$dest" \
        --name memory-daemon --app-version "$version" --install-dir /opt \
        --resource-dir "$here/linux" --license-file "$project/LICENSE" \
        --description "User-level RAM watchdog for shared Linux servers" \
        --vendor "memory-daemon contributors" --copyright "memory-daemon contributors, MIT License" \
        --about-url https://github.com/memory-daemon/memory-daemon \
        --linux-package-name memory-daemon --linux-app-category utils \
        --linux-deb-maintainer memory-daemon@users.noreply.github.com \
        --linux-rpm-license-type MIT
    ls -l "$dest"/*."$type"
done
