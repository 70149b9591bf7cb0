#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds the .deb and the .rpm with jpackage from TARGET/image (the same runtime as the tarball, with its CDS
# archives): the runtime goes to /opt/memory-daemon. The control file, maintainer scripts and spec are in
# packaging/linux. Both also carry, as files of the package (so dpkg -S and rpm -qf name it): the links of the two
# launchers in /usr/bin and of the bash completions, the man pages (gzip -9n) in /usr/share/man, README.md, the
# changelogs and the machine-readable copyright (linux/copyright.sh) under /usr/share/doc, and the system watcher:
# memory-daemon.service (not enabled) and /etc/memory-daemon/md.conf, a conffile.
# Usage: build-packages.sh TARGET_DIR VERSION PROJECT_DIR [JAVA_HOME] [TYPES]   (TYPES default: "deb rpm")
set -eu
target=$1
version=$2
project=$3
jdk=${4:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}}
types=${5:-deb rpm}
here=$(cd "$(dirname "$0")" && pwd)
dest=$target/packages
docs=$target/package-docs
vendor="memory-daemon contributors"
email=memory-daemon@users.noreply.github.com
# the changelogs' date: the commit's (a rebuild of one commit gives the same packages), else now
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$project" log -1 --format=%ct 2> /dev/null || date +%s)}

# What both packages ship under /usr/share besides the runtime, made once from the image and the project
stage_docs() {
    rm -rf "$docs"
    mkdir -p "$docs/man/man1" "$docs/man/man5" "$docs/rpm"
    sh "$here/linux/copyright.sh" "$target/image" "$project" > "$docs/copyright"
    cp "$project/README.md" "$project/CHANGELOG.md" "$docs/"
    for page in man1/mem_daemon.1 man1/md_wizard.1 man5/md.conf.5; do
        gzip -9n < "$target/image/share/man/$page" > "$docs/man/$page.gz"
    done
    {
        echo "memory-daemon ($version-1) stable; urgency=medium"
        echo
        echo "  * memory-daemon $version, packaged with jpackage; what changed upstream is in"
        echo "    /usr/share/doc/memory-daemon/changelog.gz."
        echo
        echo " -- $vendor <$email>  $(date -u -R -d "@$epoch")"
    } > "$docs/changelog.Debian"
    {
        echo "* $(date -u -d "@$epoch" '+%a %b %d %Y') $vendor <$email> - $version-1"
        echo "- memory-daemon $version; what changed upstream is in %{_docdir}/%{name}/CHANGELOG.md"
    } > "$docs/rpm/changelog"
}

# jpackage's .deb holds only /opt/memory-daemon: the rest is added here. Unpacked and packed again under one fakeroot,
# so every file stays root's. The md.conf is a conffile (dpkg -r keeps it, dpkg --purge removes it).
finish_deb() {
    work=$(mktemp -d)
    # shellcheck disable=SC2016 # expanded by the inner sh, from its own arguments
    fakeroot -- sh -eu -c '
        deb=$1 root=$2/root image=$3 docs=$4
        share=$image/share/memory-daemon doc=$root/usr/share/doc/memory-daemon
        dpkg-deb -R "$deb" "$root"
        install -d -m 755 "$root/lib/systemd/system" "$root/etc" "$root/usr/bin" "$root/usr/share/man/man1" \
            "$root/usr/share/man/man5" "$root/usr/share/bash-completion/completions" "$doc"
        install -m 644 "$share/memory-daemon.service" "$root/lib/systemd/system/memory-daemon.service"
        install -d -m 750 "$root/etc/memory-daemon"
        install -m 640 "$share/md.conf.system" "$root/etc/memory-daemon/md.conf"
        echo /etc/memory-daemon/md.conf > "$root/DEBIAN/conffiles"
        for name in md_wizard mem_daemon; do
            ln -s "/opt/memory-daemon/bin/$name" "$root/usr/bin/$name"
            ln -s "/opt/memory-daemon/share/bash-completion/completions/$name" \
                "$root/usr/share/bash-completion/completions/$name"
        done
        for page in man1/mem_daemon.1 man1/md_wizard.1 man5/md.conf.5; do
            install -m 644 "$docs/man/$page.gz" "$root/usr/share/man/$page.gz"
        done
        # Debian policy 12.3 (as dh_compress does): changelogs always, other documents over 4 kB, with gzip -9n
        install -m 644 "$docs/copyright" "$doc/copyright"
        gzip -9n < "$docs/changelog.Debian" > "$doc/changelog.Debian.gz"
        gzip -9n < "$docs/CHANGELOG.md" > "$doc/changelog.gz"
        if [ "$(wc -c < "$docs/README.md")" -gt 4096 ]; then
            gzip -9n < "$docs/README.md" > "$doc/README.md.gz"
        else
            cp "$docs/README.md" "$doc/README.md"
        fi
        chmod 644 "$doc"/*
        (cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf "%P\0" | LC_ALL=C sort -z | xargs -0 md5sum) \
            > "$root/DEBIAN/md5sums"
        size=$(du -sk --apparent-size --exclude=DEBIAN "$root" | cut -f1)
        sed -i "s/^Installed-Size: .*/Installed-Size: $size/" "$root/DEBIAN/control"
        chmod 644 "$root/DEBIAN/conffiles" "$root/DEBIAN/md5sums"
        dpkg-deb -b "$root" "$deb" > /dev/null
    ' sh "$1" "$work" "$target/image" "$docs"
    rm -rf "$work"
}

# jpackage reads the resource dir as it is: a copy with the spec's @DOCS@ and @CHANGELOG@ filled in
resources() {
    res=$target/package-resources
    rm -rf "$res"
    cp -R "$here/linux" "$res"
    sed -e "s|@DOCS@|$docs|g" -e "/^@CHANGELOG@\$/{r $docs/rpm/changelog" -e 'd;}' "$here/linux/memory-daemon.spec" \
        > "$res/memory-daemon.spec"
}

mkdir -p "$dest"
stage_docs
resources
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
        --resource-dir "$res" --license-file "$project/LICENSE" \
        --description "User-level RAM watchdog for shared Linux servers" \
        --vendor "$vendor" --copyright "$vendor, MIT License" \
        --about-url https://github.com/memory-daemon/memory-daemon \
        --linux-package-name memory-daemon --linux-app-category utils \
        --linux-deb-maintainer "$email" \
        --linux-rpm-license-type MIT
    if [ "$type" = deb ]; then
        for deb in "$dest"/*.deb; do
            finish_deb "$deb"
        done
    fi
    ls -l "$dest"/*."$type"
done
