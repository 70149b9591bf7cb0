#!/bin/sh
# SPDX-License-Identifier: MIT
# Run as root by the .deb's and the .rpm's scripts: names each user whose schedule runs this package's launcher
# (/opt/memory-daemon/bin/..., /usr/bin/mem_daemon or /usr/bin/md_wizard), in a crontab line or in the systemd user
# unit ~/.config/systemd/user/memory-daemon.service. Users' crontabs and units are theirs: the package never edits
# them, so on removal it tells the admin who is left with a line that will fail and what each must do; on a
# reinstall over what a removal left, that those lines run again. Prints nothing when no user has such a schedule.
# Usage: schedule-users.sh removing|reinstalled
set -eu
mode=${1:-}
case $mode in
    removing | reinstalled) ;;
    *) echo "usage: schedule-users.sh removing|reinstalled" >&2; exit 2 ;;
esac
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH
# one of the package's launchers as a word of a crontab line or of ExecStart= (bare or quoted)
q="'\""
launcher="(^|[[:space:]${q}=])(/opt/memory-daemon/bin/|/usr/bin/(mem_daemon|md_wizard)([[:space:]${q};]|\$))"
found=$(mktemp)
trap 'rm -f "$found"' EXIT

# A user name or path as printed to the admin's terminal: nothing but ordinary characters
shown() { printf '%s' "$1" | tr -c 'A-Za-z0-9._@/+=-' '?'; }

# crontabs: Debian keeps them in /var/spool/cron/crontabs/USER, cronie in /var/spool/cron/USER (directories there,
# such as Debian's atjobs, are not crontabs). crontab -l -u reads each as cron does; the file itself when crontab is
# missing or no longer knows the user. Each read has a deadline: a package script must not hang.
for file in /var/spool/cron/crontabs/* /var/spool/cron/*; do
    [ -f "$file" ] || continue
    user=${file##*/}
    table=$(timeout 10 crontab -l -u "$user" 2> /dev/null) || table=$(cat "$file")
    lines=$(printf '%s\n' "$table" | grep -v '^[[:space:]]*#' | grep -cE "$launcher" || true)
    if [ "$lines" -gt 0 ]; then
        if [ "$lines" = 1 ]; then what="1 crontab line"; else what="$lines crontab lines"; fi
        printf '  %s: %s\n' "$(shown "$user")" "$what" >> "$found"
    fi
done
# systemd user units, in each home getent lists (local users; a directory service lists its users only when it
# enumerates them, and its homes are not walked otherwise)
timeout 10 getent passwd | while IFS=: read -r user _ _ _ _ home _; do
    unit=$home/.config/systemd/user/memory-daemon.service
    if [ -n "$home" ] && [ -f "$unit" ] && grep '^ExecStart=' "$unit" 2> /dev/null | grep -qE "$launcher"; then
        printf '  %s: systemd user unit %s\n' "$(shown "$user")" "$(shown "$unit")" >> "$found"
    fi
done || true
[ -s "$found" ] || exit 0

if [ "$mode" = removing ]; then
    echo "memory-daemon: these users' schedules run this package's launcher, which is being removed:"
    sort -u "$found"
    echo "memory-daemon: until each of them acts, their checks fail (\"not found\") and they are not protected."
    echo "  Each runs, from a copy of their own (install.sh, a tarball): 'md_wizard cron' to keep the protection,"
    echo "  or 'md_wizard uninstall' to end it; or 'crontab -e' and deletes the lines marked '# memory-daemon'"
    echo "  (a unit: 'systemctl --user disable --now memory-daemon'). Installing the package again also mends them."
else
    echo "memory-daemon: these users' schedules run this package's launcher again:"
    sort -u "$found"
    echo "  (a watcher whose unit stopped meanwhile starts again with: systemctl --user restart memory-daemon)"
fi
