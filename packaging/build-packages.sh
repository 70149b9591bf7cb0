#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds the .deb and the .rpm with jpackage from TARGET/image (the same runtime as the tarball, with its CDS
# archives): the runtime goes to /opt/memory-daemon and our sh launchers are linked from /usr/bin (deb: by
# postinst/prerm, rpm: in the payload). The control file, maintainer scripts and spec are in packaging/linux.
# Both also carry the system watcher: memory-daemon.service (not enabled) and /etc/memory-daemon/md.conf, a conffile.
# Usage: build-packages.sh TARGET_DIR VERSION PROJECT_DIR [JAVA_HOME] [TYPES]   (TYPES default: "deb rpm")
set -eu
target=$1
version=$2
project=$3
jdk=${4:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}}
types=${5:-deb rpm}
here=$(cd "$(dirname "$0")" && pwd)
dest=$target/packages

# jpackage's .deb holds only /opt/memory-daemon: add the system watcher's unit and its md.conf as a conffile (dpkg -r
# keeps it, dpkg --purge removes it). Unpacked and packed again under one fakeroot, so every file stays root's.
add_system_files() {
    work=$(mktemp -d)
    # shellcheck disable=SC2016 # expanded by the inner sh, from its own arguments
    fakeroot -- sh -eu -c '
        deb=$1 root=$2/root share=$3/share/memory-daemon
        dpkg-deb -R "$deb" "$root"
        install -d -m 755 "$root/lib/systemd/system" "$root/etc"
        install -m 644 "$share/memory-daemon.service" "$root/lib/systemd/system/memory-daemon.service"
        install -d -m 750 "$root/etc/memory-daemon"
        install -m 640 "$share/md.conf.system" "$root/etc/memory-daemon/md.conf"
        echo /etc/memory-daemon/md.conf > "$root/DEBIAN/conffiles"
        chmod 644 "$root/DEBIAN/conffiles"
        dpkg-deb -b "$root" "$deb" > /dev/null
    ' sh "$1" "$work" "$target/image"
    rm -rf "$work"
}

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
    if [ "$type" = deb ]; then
        for deb in "$dest"/*.deb; do
            add_system_files "$deb"
        done
    fi
    ls -l "$dest"/*."$type"
done
