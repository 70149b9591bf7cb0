#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs memory-daemon for the current user, without root and without a system Java:
#   curl -fsSL https://github.com/memory-daemon/memory-daemon/releases/latest/download/install.sh | sh
#   sh install.sh [--version X] [--base-url URL] [--from FILE [--sha256 HEX]] [--bin-dir DIR] [--uninstall]
# Layout: ${XDG_DATA_HOME:-~/.local/share}/memory-daemon/<version>/, a `current` link switched atomically,
# ~/.local/bin/{md_wizard,mem_daemon} linking to current/bin, and the man pages and bash completions linked into
# ~/.local/share/man and ~/.local/share/bash-completion/completions. Your ~/.config/mem_daemon is never touched.
set -eu

project=https://github.com/memory-daemon/memory-daemon
base_url=$project/releases/download
version=
from=
sha256=
bin_dir=${HOME:?HOME is not set}/.local/bin
uninstall=false
data_dir=${XDG_DATA_HOME:-$HOME/.local/share}/memory-daemon
names="md_wizard mem_daemon"
# linked from the data home, where man-db (through ~/.local/bin on PATH) and bash-completion look
share_dir=${XDG_DATA_HOME:-$HOME/.local/share}
docs="man/man1/mem_daemon.1 man/man1/md_wizard.1 man/man5/md.conf.5
bash-completion/completions/mem_daemon bash-completion/completions/md_wizard"

say() { printf '%s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }
usage() {
    say "usage: install.sh [--version X] [--base-url URL] [--from FILE [--sha256 HEX]] [--bin-dir DIR] [--uninstall]"
    say "  --version X     install release X (default: the latest)"
    say "  --base-url URL  download from a mirror serving v<version>/<tarball>, v<version>/checksums_sha256.txt"
    say "                  and a 'latest' file naming the latest version (default: $base_url)"
    say "  --from FILE     install a local tarball, checked against checksums_sha256.txt beside it or --sha256"
    say "  --bin-dir DIR   where to link md_wizard and mem_daemon (default: ~/.local/bin)"
    say "  --uninstall     remove what install.sh installed (your ~/.config/mem_daemon is kept)"
}

while [ $# -gt 0 ]; do
    case $1 in
        --version|--base-url|--from|--sha256|--bin-dir)
            [ $# -ge 2 ] || { usage >&2; die "$1 needs a value"; }
            opt=$1 value=$2
            shift 2 ;;
        --version=*|--base-url=*|--from=*|--sha256=*|--bin-dir=*)
            opt=${1%%=*} value=${1#*=}
            shift ;;
        --uninstall) uninstall=true; shift; continue ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option '$1'" ;;
    esac
    case $opt in
        --version) version=${value#v} ;;
        --base-url) base_url=${value%/} ;;
        --from) from=$value ;;
        --sha256) sha256=$value ;;
        --bin-dir) bin_dir=$value ;;
    esac
done

# Only our own links are ever replaced or removed: a file someone else put there is left alone.
is_ours() { [ -L "$1" ] && case $(readlink "$1") in "$data_dir"/*) true ;; *) false ;; esac; }

if [ "$uninstall" = true ]; then
    # The installed md_wizard stops the watcher and removes the crontab lines first, while the runtime it runs
    # from is still there; only then do the files go, so no line is left pointing at a missing launcher.
    if [ -x "$data_dir/current/bin/md_wizard" ]; then
        "$data_dir/current/bin/md_wizard" uninstall --yes --keep-config < /dev/null \
            || die "md_wizard uninstall failed; it listed above what is left and how to remove it"
    fi
    for name in $names; do
        if is_ours "$bin_dir/$name"; then rm -f "$bin_dir/$name"; say "removed $bin_dir/$name"; fi
    done
    for doc in $docs; do
        if is_ours "$share_dir/$doc"; then rm -f "$share_dir/$doc"; say "removed $share_dir/$doc"; fi
    done
    if [ -d "$data_dir" ]; then rm -rf "$data_dir"; say "removed $data_dir"; fi
    if crontab -l 2>/dev/null | grep -q '# memory-daemon$'; then
        say "note: your crontab still has the memory-daemon line; remove it with 'crontab -e'"
    fi
    say "memory-daemon uninstalled; your settings in ${XDG_CONFIG_HOME:-$HOME/.config}/mem_daemon were kept"
    exit 0
fi

os=$(uname -s)
arch=$(uname -m)
case "$os/$arch" in
    Linux/x86_64|Linux/amd64) ;;
    *) die "memory-daemon ships for Linux x86-64 only, this is $os $arch; build it from source: $project" ;;
esac
for name in $names; do
    if [ -e "$bin_dir/$name" ] || [ -L "$bin_dir/$name" ]; then
        is_ours "$bin_dir/$name" \
            || die "$bin_dir/$name exists and is not memory-daemon's link; move it away or use --bin-dir"
    fi
done

fetch() { # URL FILE
    if command -v curl > /dev/null 2>&1; then
        curl -fsSL --retry 2 -o "$2" "$1" || die "cannot download $1"
    elif command -v wget > /dev/null 2>&1; then
        wget -q -O "$2" "$1" || die "cannot download $1"
    else
        die "needs curl or wget to download $1"
    fi
}

# GitHub names the latest release through the redirect of releases/latest; a mirror serves a 'latest' file.
latest_version() {
    if [ "$base_url" = "$project/releases/download" ]; then
        command -v curl > /dev/null 2>&1 || die "needs curl to find the latest release; or give --version X"
        url=$(curl -fsSLI -o /dev/null -w '%{url_effective}' "$project/releases/latest") \
            || die "cannot reach $project/releases/latest; give --version X"
        tag=${url##*/}
    else
        fetch "$base_url/latest" "$tmp/latest"
        tag=$(head -n 1 "$tmp/latest" | tr -d ' \r')
    fi
    case $tag in v[0-9]*|[0-9]*) printf '%s\n' "${tag#v}" ;; *) die "no release found at $base_url" ;; esac
}

sha256_of() {
    if command -v sha256sum > /dev/null 2>&1; then sha256sum "$1" | cut -d ' ' -f 1
    else shasum -a 256 "$1" | cut -d ' ' -f 1
    fi
}

# Everything happens in a scratch dir beside the install (same file system for the final rename), so an
# interrupted or refused install leaves the old one working.
mkdir -p "$data_dir" "$bin_dir"
tmp=$(mktemp -d "$data_dir/.install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

if [ -n "$from" ]; then
    [ -f "$from" ] || die "no such file: $from"
    tarball=$from
    name=$(basename "$from")
    if [ -z "$version" ]; then
        version=${name#memory-daemon-}
        version=${version%-linux-x86_64.tar.gz}
    fi
    sums=$(dirname "$from")/checksums_sha256.txt
    if [ -z "$sha256" ] && [ ! -f "$sums" ]; then
        die "no checksum for $from: give --sha256 HEX or put checksums_sha256.txt beside it"
    fi
else
    [ -n "$version" ] || version=$(latest_version)
    name=memory-daemon-$version-linux-x86_64.tar.gz
    tarball=$tmp/$name
    sums=$tmp/checksums_sha256.txt
    say "downloading memory-daemon $version from $base_url/v$version/"
    [ -n "$sha256" ] || fetch "$base_url/v$version/checksums_sha256.txt" "$sums"
    fetch "$base_url/v$version/$name" "$tarball"
fi

if [ -z "$sha256" ]; then
    sha256=$(awk -v f="$name" '$2 == f || $2 == "*" f { print $1 }' "$sums")
    [ -n "$sha256" ] || die "$sums lists no checksum for $name; nothing was installed"
fi
sha256=$(printf '%s' "$sha256" | tr 'A-F' 'a-f')
actual=$(sha256_of "$tarball")
[ "$actual" = "$sha256" ] || die "checksum mismatch for $name (expected $sha256, got $actual); nothing was installed"

mkdir "$tmp/unpack"
tar -xzf "$tarball" -C "$tmp/unpack" || die "cannot unpack $name; nothing was installed"
new=$tmp/unpack/memory-daemon-$version
[ -x "$new/bin/mem_daemon" ] || die "$name does not hold memory-daemon-$version/bin/mem_daemon; nothing was installed"
# The class-data sharing archives are not shipped (they would make the download 4 MB larger): made here.
"$new/lib/generate-cds.sh" || say "warning: could not prepare class-data sharing; memory-daemon starts slower"

if [ -e "$data_dir/$version" ]; then mv "$data_dir/$version" "$tmp/old"; fi
mv "$new" "$data_dir/$version"
previous=$(readlink "$data_dir/current" 2>/dev/null || true)
ln -s "$version" "$data_dir/current.tmp"
mv -T "$data_dir/current.tmp" "$data_dir/current"
for name in $names; do
    ln -s "$data_dir/current/bin/$name" "$bin_dir/$name.tmp"
    mv -T "$bin_dir/$name.tmp" "$bin_dir/$name"
done
for doc in $docs; do
    # a file of the user's stays; an older build has no such file
    if [ -e "$data_dir/current/share/$doc" ] && { is_ours "$share_dir/$doc" || { ! [ -e "$share_dir/$doc" ] && ! [ -L "$share_dir/$doc" ]; }; }; then
        mkdir -p "$(dirname "$share_dir/$doc")"
        ln -s "$data_dir/current/share/$doc" "$share_dir/$doc.tmp"
        mv -T "$share_dir/$doc.tmp" "$share_dir/$doc"
    fi
done
# A running watcher still runs the previous code (from files deleted now or below): restart it on this version.
if [ -n "$previous" ]; then
    "$data_dir/current/bin/md_wizard" watch --restart < /dev/null \
        || say "warning: the watcher was not restarted; run: md_wizard watch --restart"
fi
if [ -n "$previous" ] && [ "$previous" != "$version" ] && [ -d "$data_dir/$previous" ]; then
    rm -rf "${data_dir:?}/$previous"
    say "memory-daemon upgraded from $previous to $version in $data_dir/$version"
else
    say "memory-daemon $version installed in $data_dir/$version"
fi
say "linked $bin_dir/md_wizard and $bin_dir/mem_daemon, the man pages into $share_dir/man"

case ":$PATH:" in
    *":$bin_dir:"*) ;;
    *) say "$bin_dir is not on your PATH; add this line to ~/.profile (or your shell's rc file):"
       say "  export PATH=\"$bin_dir:\$PATH\"" ;;
esac
say "next step: run md_wizard to set up your threshold, mail and the cron schedule"
