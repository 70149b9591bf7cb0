#!/bin/sh
# SPDX-License-Identifier: MIT
# Links the app and its dependencies into TARGET/image with jlink (which refuses any automatic module),
# adds the launchers, the md.conf template, the Prometheus rules and Grafana dashboard, the man pages and bash
# completions (target/manuals) and the class-data sharing archives (lib/generate-cds.sh).
# Usage: build-image.sh TARGET_DIR APP_JAR VERSION [JAVA_HOME]
set -eu
target=$1
jar=$2
version=$3
jdk=${4:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}}
here=$(cd "$(dirname "$0")" && pwd)
mods=$target/modules
image=$target/image

cp "$target/$jar" "$mods/"
rm -rf "$image"
echo "jlink: linking $(find "$mods" -name "*.jar" | wc -l) modules from $mods into $image"
# jlink.args: --compress=1 (string sharing) makes the tarball smallest (--compress=2 zips each class and the
# tarball grows from 24 to 33 MB); picocli is left out of it because its classes are Java 5 bytecode, which
# CDS cannot archive, so they are read from lib/modules on every run and would pay the decompression (~35 ms).
# The AWT/sound/font native libraries of java.desktop (required by JNA's and Angus Mail's descriptors) are
# never loaded by a headless checker and are left out. Figures: bench/README.md.
"$jdk/bin/jlink" @"$here/jlink.args" --module-path "$mods:$jdk/jmods" --output "$image"

# JNA's native library, shipped unpacked: JNA would otherwise extract it into ~/.cache on every run
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && "$jdk/bin/jar" xf "$mods"/jna-jpms-*.jar com/sun/jna/linux-x86-64/libjnidispatch.so)
cp "$tmp/com/sun/jna/linux-x86-64/libjnidispatch.so" "$image/lib/"

for pair in mem_daemon:io.memorydaemon.cli.MemDaemon md_wizard:io.memorydaemon.cli.Wizard; do
    name=${pair%%:*}
    main=${pair#*:}
    sed -e "s/@NAME@/$name/g" -e "s/@MAIN@/$main/g" "$here/launcher.sh.in" > "$image/bin/$name"
    chmod 755 "$image/bin/$name"
done
mkdir -p "$image/share/memory-daemon"
cp "$here/md.conf.template" "$image/share/memory-daemon/md.conf.template"
# the system watcher's unit and md.conf, which the .deb and .rpm install (packaging/build-packages.sh)
cp "$here/linux/memory-daemon.service" "$image/share/memory-daemon/memory-daemon.service"
cp "$here/md.conf.system" "$image/share/memory-daemon/md.conf.system"
# the Prometheus rules, their promtool tests, the Grafana dashboard of the same series and how to load them
# (packaging/prometheus/README.md)
mkdir -p "$image/share/memory-daemon/prometheus/tests"
cp "$here/prometheus/memory-daemon.rules.yml" "$here/prometheus/memory-daemon.dashboard.json" \
    "$here/prometheus/README.md" "$image/share/memory-daemon/prometheus/"
cp "$here/prometheus/tests/"*.yml "$image/share/memory-daemon/prometheus/tests/"
# run by the packages' scripts on removal: who still has a schedule that runs the package's launcher
cp "$here/linux/schedule-users.sh" "$image/share/memory-daemon/schedule-users.sh"
chmod 755 "$image/share/memory-daemon/schedule-users.sh"
echo "$version" > "$image/VERSION"
# share/man/man1, man5 and share/bash-completion/completions, written from the picocli model (cli/Manuals)
if [ -d "$target/manuals/share" ]; then
    cp -R "$target/manuals/share/." "$image/share/"
fi

# The bash completions are sourced, never run: without the '#!' line picocli writes they are plain data (lintian:
# script-not-executable)
for completion in "$image"/share/bash-completion/completions/*; do
    if [ -f "$completion" ] && head -n 1 "$completion" | grep -q '^#!'; then
        sed -i 1d "$completion"
    fi
done
# jrt-fs.jar only lets an older JDK's tools browse this runtime's modules; the runtime itself never reads it
rm -f "$image/lib/jrt-fs.jar"
# The JDK's executables and libraries keep their symbol tables (libjvm.so: 4 MB, 1 MB in the tarball; the 15 others
# ~150 KB). --strip-unneeded keeps the dynamic symbols they link by, and .comment/.note go as dh_strip removes them.
# strip is optional (binutils); without it the image works the same, only larger (and lintian counts each file).
if command -v strip > /dev/null 2>&1; then
    find "$image/bin" "$image/lib" -type f | while read -r file; do
        if [ "$(head -c 4 "$file" | tail -c 3)" = ELF ]; then
            strip --strip-unneeded --remove-section=.comment --remove-section=.note "$file"
        fi
    done
else
    echo "build-image.sh: no strip here (apt-get install binutils): the native files stay unstripped" >&2
fi
cp "$here/generate-cds.sh" "$image/lib/generate-cds.sh"
chmod 755 "$image/lib/generate-cds.sh"
"$image/lib/generate-cds.sh"
echo "image: $image ($(du -sh "$image" | cut -f1))"
