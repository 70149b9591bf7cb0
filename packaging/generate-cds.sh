#!/bin/sh
# SPDX-License-Identifier: MIT
# Writes the class-data sharing archives of this runtime (lib/server/classes.jsa for the JDK's classes, then
# lib/server/md-app.jsa for the app's, dumped from a check that may choose nothing, and md-watch.jsa, dumped from a
# watcher that may choose nothing): they halve the start-up time of a check, and watchers share the classes' pages
# instead of each parsing its own. They are made where the runtime is installed rather than shipped, which keeps the
# download 4 MB smaller.
set -eu
home=$(cd "$(dirname "$0")/.." && pwd -P)
server=$home/lib/server
rm -f "$server/classes.jsa" "$server/md-app.jsa" "$server/md-watch.jsa"
"$home/bin/java" -Xshare:dump -Xlog:cds=off > /dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/.config/mem_daemon"
# --config=FILE is a form the fast path (cli/CheckArgs) leaves to picocli: the run first goes through the fast path's
# classes, then picocli's, so the archive holds what a plain cron check needs and the JDK classes picocli uses for
# watch, --help and md_wizard (a dump from the fast path alone left 90 of those to lib/modules: +2 MiB RSS for watch).
# A real check, as cron runs it with mail configured (the outbox looked at, the log written), under its threshold:
# it reads memory and nothing else, as almost every cron run does.
# (A --dry-run dump left the outbox and delivery classes and a spun lambda to every cron run: +16 ms CPU, measured.)
# metrics_file: the classes that write it, which a user's check with the key would otherwise read from lib/modules.
printf 'threshold 99\navoid .\nreceiver a@example.org\nsender b@example.org\nsmtp localhost\nport 25\nmetrics_file %s\n' \
    "$tmp/md.prom" > "$tmp/.config/mem_daemon/md.conf"
HOME=$tmp XDG_CONFIG_HOME='' MD_JAVA_OPTS="-XX:ArchiveClassesAtExit=$server/md-app.jsa" \
    "$home/bin/mem_daemon" check --config="$tmp/.config/mem_daemon/md.conf" > /dev/null

# The watcher's archive, dumped when it stops (SIGTERM): over a threshold of 1 % it makes one pass that kills nothing
# ('avoid .' spares every process of the user's; another user's job, where there is one, is only warned about, its
# notice kept in the outbox), writes its metrics and starts its mail courier, as a watcher near a real event does.
mkdir "$tmp/watch"
sed 's/^threshold 99$/threshold 1/' "$tmp/.config/mem_daemon/md.conf" > "$tmp/watch/md.conf"
HOME=$tmp XDG_CONFIG_HOME='' MD_JAVA_OPTS="-XX:ArchiveClassesAtExit=$server/md-watch.jsa" \
    "$home/bin/mem_daemon" watch --interval 100ms --config "$tmp/watch/md.conf" > /dev/null 2>&1 &
watcher=$!
i=0
while [ "$i" -lt 50 ] && ! grep -q 'action=' "$tmp/watch/tmp.log" 2> /dev/null; do
    sleep 0.1
    i=$((i + 1))
done
sleep 1
kill -TERM "$watcher"
wait "$watcher" || true
