#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Measures memory-daemon against its floor (java -version), the original shell tool's pipeline and earlyoom;
# prints markdown tables (bench/README.md holds a run). Run by hand on an otherwise quiet machine, not in CI.
# Usage: bench/run.sh [check|jvm|classes|scan|react|idle|watchers|cpu|all]
# Env: IMAGE (target/image), RUNS (20), ROUNDS (5), IDLE_SECONDS (60), HOG_MIB (3072),
#      BASELINE (an earlier build's image: `check`, `scan`, `watchers`, `cpu` and `react` then measure it beside IMAGE in
#      the same run), WATCHERS ("1 2 4 8"), SETTLE_SECONDS (20: watchers' start-up before their memory is read),
#      CPU_SECONDS (60: the window of `cpu`), NEAR_PERCENT (5: `cpu` near the threshold sets it this far above used),
#      CPU_WHERE ("far near": which windows `cpu` measures)
# Safety: the hog is capped at HOG_MIB and the thresholds are set relative to the RAM in use now, so the hog
# crosses them and nothing else is needed; as root, the watchers, earlyoom and the hog run as nobody, and
# md.conf/--prefer/--avoid restrict the victims to this run's own hog; earlyoom runs under timeout.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
image=$(cd "${IMAGE:-$here/../target/image}" && pwd)
runs=${RUNS:-20}
rounds=${ROUNDS:-5}
idle_seconds=${IDLE_SECONDS:-60}
watchers=${WATCHERS:-1 2 4 8}
settle_seconds=${SETTLE_SECONDS:-20}
cpu_seconds=${CPU_SECONDS:-60}
near_percent=${NEAR_PERCENT:-5}
cpu_where=${CPU_WHERE:-far near}
hog_mib=${HOG_MIB:-3072}
python=$(readlink -f /usr/bin/python3)
work=$(mktemp -d /tmp/md-bench.XXXXXX)
chmod 755 "$work"
sleepers=()
background=()

cleanup() {
    for p in "${background[@]}" "${sleepers[@]}"; do
        kill "$p" 2> /dev/null || true
    done
    wait 2> /dev/null || true
    [ -n "${KEEP:-}" ] || rm -rf "$work"; [ -z "${KEEP:-}" ] || echo "kept $work" >&2
}
trap cleanup EXIT

if [ "$(id -u)" = 0 ]; then
    as_user=(setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups --)
    owner=nobody
else
    as_user=()
    owner=$(id -un)
fi

# home NAME CONF: a HOME with ~/.config/mem_daemon/md.conf, owned by the user the tools run as
home() {
    local dir=$work/$1
    mkdir -p "$dir/.config/mem_daemon"
    printf '%b' "$2" > "$dir/.config/mem_daemon/md.conf"
    chmod 600 "$dir/.config/mem_daemon/md.conf"
    chown -R "$owner" "$dir"
    echo "$dir"
}

used_percent() {
    awk '/^MemTotal:/ {t=$2} /^MemAvailable:/ {a=$2} END {printf "%d\n", 100 * (t - a) / t + 0.999}' /proc/meminfo
}

median() {
    grep -v -- '^-$' | sort -n | awk '{v[NR]=$1} END {if (NR == 0) print "-"; else if (NR % 2) print v[(NR+1)/2];
        else print (v[NR/2] + v[NR/2+1]) / 2}'
}

# row LABEL COMMAND: median wall (hyperfine), mean CPU, median peak RSS (GNU time) over $runs runs
row() {
    local label=$1 cmd=$2 json=$work/h.json
    hyperfine -N -w 3 -r "$runs" --export-json "$json" "$cmd" > /dev/null 2>&1
    local wall cpu rss
    wall=$(jq '.results[0].median * 1000 | round' "$json")
    cpu=$(jq '(.results[0].user + .results[0].system) * 1000 | round' "$json")
    rss=$(for _ in $(seq "$runs"); do
        /usr/bin/time -f '%M' -o "$work/rss" sh -c "$cmd" > /dev/null 2>&1 || true
        tail -n 1 "$work/rss"
    done | median)
    printf '| %s | %s | %s | %.1f |\n' "$label" "$wall" "$cpu" "$(echo "$rss / 1024" | bc -l)"
}

launcher_opts='-XX:+UseSerialGC -Xms8m -Xmx64m -XX:TieredStopAtLevel=1 -Xss512k -XX:-UsePerfData -Xshare:auto'
app_cds="-XX:SharedArchiveFile=$image/lib/server/md-app.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
# what the launcher adds for `watch` (start-up time does not matter there, its RSS does)
watch_opts=$(awk '/"mem_daemon watch"\) resident=/,/;;/' "$image/bin/mem_daemon" | tr -s ' \n' ' ' |
    sed "s/.*resident='//; s/' ;;.*//")
mail_conf='receiver a@example.org\nsender b@example.org\nsmtp localhost\nport 2525\n'
main='-Djna.boot.library.path='"$image"'/lib -Djna.nounpack=true -m io.memorydaemon/io.memorydaemon.cli.MemDaemon'

check_section() {
    local h m
    h=$(home check 'threshold 99\n')
    m=$(home check-mail "threshold 99\n$mail_conf")
    echo "### 1. check under the threshold (median of $runs runs)"
    echo
    echo '| command | wall ms | CPU ms (user+sys) | peak RSS MiB |'
    echo '|---|---|---|---|'
    row 'bin/java -version (image, JVM defaults)' "$image/bin/java -version"
    row 'bin/java -version (image, launcher options)' "$image/bin/java $launcher_opts -version"
    if [ -n "${BASELINE:-}" ]; then
        local base
        base=$(cd "$BASELINE" && pwd)
        row "mem_daemon check (baseline $(cat "$base/VERSION") at $BASELINE)" "env HOME=$h $base/bin/mem_daemon check"
    fi
    row 'mem_daemon check (launcher)' "env HOME=$h $image/bin/mem_daemon check"
    if [ -n "${BASELINE:-}" ]; then
        row 'mem_daemon check, mail configured (baseline)' "env HOME=$m $base/bin/mem_daemon check"
    fi
    row 'mem_daemon check, mail configured (launcher)' "env HOME=$m $image/bin/mem_daemon check"
    # --config=FILE is a form the fast path leaves to picocli: the same check through picocli
    row 'mem_daemon check --config=FILE (through picocli)' \
        "env HOME=$h $image/bin/mem_daemon check --config=$h/.config/mem_daemon/md.conf"
    row 'shell: free; ps --sort=-rss \| head' "sh -c 'free -m; ps -eo pid,user,rss,comm --sort=-rss | head -n 6'"
    echo
}

jvm_section() {
    local h
    h=$(home jvm 'threshold 99\n')
    echo "### JVM options for check (image bin/java, median of $runs runs)"
    echo
    echo '| options | wall ms | CPU ms (user+sys) | peak RSS MiB |'
    echo '|---|---|---|---|'
    row "launcher: $launcher_opts + app CDS" "env HOME=$h $image/bin/java $launcher_opts $app_cds $main check"
    row 'launcher without the app CDS archive (JDK base CDS only)' \
        "env HOME=$h $image/bin/java $launcher_opts $main check"
    row 'launcher with -Xshare:off (no CDS at all)' \
        "env HOME=$h $image/bin/java $launcher_opts -Xshare:off $main check"
    row 'launcher + app CDS, but G1 and default heap' \
        "env HOME=$h $image/bin/java -XX:-UsePerfData $app_cds $main check"
    row 'launcher + app CDS, but C2 too (no TieredStopAtLevel)' \
        "env HOME=$h $image/bin/java -XX:+UseSerialGC -Xms8m -Xmx64m -Xss512k -XX:-UsePerfData $app_cds $main check"
    row 'launcher + app CDS + -XX:ArchiveRelocationMode=0 (archives at a fixed address)' \
        "env HOME=$h $image/bin/java $launcher_opts $app_cds -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 $main check"
    row 'launcher + app CDS + -XX:CICompilerCount=1' \
        "env HOME=$h $image/bin/java $launcher_opts $app_cds -XX:CICompilerCount=1 $main check"
    row 'launcher + app CDS, but -Xint instead of C1' \
        "env HOME=$h $image/bin/java ${launcher_opts/-XX:TieredStopAtLevel=1/-Xint} $app_cds $main check"
    row 'launcher + app CDS + -XX:-BytecodeVerificationRemote' \
        "env HOME=$h $image/bin/java $launcher_opts $app_cds -XX:+UnlockDiagnosticVMOptions -XX:-BytecodeVerificationRemote $main check"
    row 'JVM defaults (only -m)' "env HOME=$h $image/bin/java $main check"
    echo
}

# classes LABEL CONF [CHECK ARGS]: classes a check under the threshold loads, by where they come from
classes() {
    local h log=$work/classes.txt label=$1 conf=$2
    shift 2
    h=$(home classes "$conf")
    env HOME="$h" MD_JAVA_OPTS="-Xlog:class+load=info:file=$log" "$image/bin/mem_daemon" check "$@" > /dev/null 2>&1
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$(grep -c . "$log")" \
        "$(grep -c 'shared objects file' "$log")" "$(grep -c '__JVM_LookupDefineClass__' "$log")" \
        "$(grep -c 'jrt:/info.picocli' "$log")" "$(grep -c -E 'jrt:/(com.github.oshi|com.sun.jna)' "$log")" \
        "$(grep -c -E 'jrt:/(jakarta|org.eclipse.angus)' "$log")"
}

classes_section() {
    echo '### Classes loaded by a check under the threshold (-Xlog:class+load)'
    echo
    echo '| md.conf | loaded | from CDS archives | method handles spun | picocli (not archivable) | OSHI + JNA' \
        '| jakarta.mail + Angus |'
    echo '|---|---|---|---|---|---|---|'
    classes 'threshold 99 (mail off)' 'threshold 99\n'
    classes 'threshold 99 + receiver/sender/smtp/port' "threshold 99\n$mail_conf"
    classes 'same, check --config=FILE (through picocli)' "threshold 99\n$mail_conf" \
        --config="$work/classes/.config/mem_daemon/md.conf"
    echo
}

# scan_ms HOME IMAGE END: a cold JVM's check --dry-run, median of 5 runs, from the process table's class being
# loaded (the pass begins) to END's (-Xlog:class+load stamps): io.memorydaemon.check.JobRanking (this build: the
# snapshot is complete), io.memorydaemon.check.JobReport (this build: jobs grouped, ranked, the choice made), or
# io.memorydaemon.check.VictimSelector (a build before jobs: the snapshot is complete, the choice follows at once)
scan_ms() {
    local log=$work/scan.txt
    for _ in 1 2 3 4 5; do
        env HOME="$1" MD_JAVA_OPTS="-Xlog:class+load=info:file=$log:uptimemillis" "$2/bin/mem_daemon" check \
            --dry-run > /dev/null 2>&1
        awk -F'[][]' -v end=" $3 " '/ io.memorydaemon.system.ProcProcessTable / {a=$2+0} index($0, end) {b=$2+0}
            END {if (b) print b - a; else print "-"}' "$log"
    done | median
}

process_count() {
    find /proc -maxdepth 1 -name '[0-9]*' 2> /dev/null | wc -l
}

scan_section() {
    local h n base=
    # over the threshold, nothing matches avoid: the whole choice runs; --dry-run signals nothing
    h=$(home scan 'threshold 1\navoid ^mdbench-matches-nothing$\n')
    [ -z "${BASELINE:-}" ] || base=$(cd "$BASELINE" && pwd)
    echo "### 2. check --dry-run over the threshold: grouping into jobs and choosing (median of $runs runs)"
    echo
    echo '| sleeping processes added | processes alive | image | scan ms | scan + jobs + choice ms | wall ms' \
        '| CPU ms (user+sys) | peak RSS MiB |'
    echo '|---|---|---|---|---|---|---|---|'
    for n in 0 100 1000 5000; do
        while [ "${#sleepers[@]}" -lt "$n" ]; do
            sleep 3600 &
            sleepers+=("$!")
        done
        # the baseline first in this row, then this build: both under the same processes and load
        if [ -n "$base" ]; then
            printf '| %s | %s | baseline | %s | – |' "$n" "$(process_count)" \
                "$(scan_ms "$h" "$base" io.memorydaemon.check.VictimSelector)"
            row x "env HOME=$h $base/bin/mem_daemon check --dry-run" | cut -d'|' -f3-
        fi
        printf '| %s | %s | this build | %s | %s |' "$n" "$(process_count)" \
            "$(scan_ms "$h" "$image" io.memorydaemon.check.JobRanking)" \
            "$(scan_ms "$h" "$image" io.memorydaemon.check.JobReport)"
        row x "env HOME=$h $image/bin/mem_daemon check --dry-run" | cut -d'|' -f3-
    done
    kill "${sleepers[@]}" 2> /dev/null || true
    wait "${sleepers[@]}" 2> /dev/null || true
    sleepers=()
    echo
}

# hog NAME THRESHOLD OUT HOLD: the capped hog under a unique command name, in the background; sets hog_pid
start_hog() {
    ln -sf "$python" "$work/$1"
    "${as_user[@]}" "$work/$1" "$here/hog.py" "$2" "$hog_mib" "$work/out/$3" "$4" &
    hog_pid=$!
}

# reaction OUT: sets `reacted` to the ms from the hog crossing the threshold to its exit ("-" when it never
# crossed or was not killed); not in a subshell, which could not wait for the hog
reaction() {
    local rc=0 gone crossed
    wait "$hog_pid" || rc=$?
    gone=$(date +%s%N)
    crossed=$(cat "$work/out/$1" 2> /dev/null || echo never)
    if [ "$crossed" = never ] || [ "$rc" = 0 ]; then
        reacted=-
    else
        reacted=$(((gone - crossed) / 1000000))
    fi
}

await_file() {
    for _ in $(seq 300); do
        if grep -q "$2" "$1" 2> /dev/null; then
            return 0
        fi
        sleep 0.1
    done
    echo "timed out waiting for '$2' in $1" >&2
    return 1
}

react_section() {
    local used threshold em i name h w e eo=() reacted entry label dir
    declare -A md=()
    mkdir -p "$work/out"
    chown "$owner" "$work/out"
    used=$(used_percent)
    threshold=$((used + (hog_mib * 100 / ($(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024)) / 2))
    em=$((100 - threshold))
    echo "### 3. reaction: hog filling RAM (python, 16 MiB memsets, capped at $hog_mib MiB) → gone, $rounds rounds"
    echo
    echo "RAM used at start: ${used}%; mem_daemon threshold ${threshold}% ≙ earlyoom -m ${em} (-s 100: no swap here)."
    echo
    for i in $(seq "$rounds"); do
        # with BASELINE, its watcher and this build's take turns in each round, the first in odd rounds, the second in
        # even ones (a watcher following the other's round meets the kernel still freeing the last hog's pages)
        while IFS= read -r entry; do
            label=${entry%%=*}
            dir=${entry#*=}
            name=mdbhog$$r$i${label:0:1}
            h=$(home "react$i${label:0:1}" "threshold $threshold\nprefer ^$name\$\navoid ^(?!$name\$)\ngrace 5\n")
            "${as_user[@]}" env HOME="$h" "$dir/bin/mem_daemon" watch --interval 1s > "$work/w$i.out" 2>&1 &
            w=$!
            background+=("$w")
            await_file "$h/.config/mem_daemon/tmp.log" 'watch[ =]started'
            sleep 1
            start_hog "$name" "$threshold" "md$i${label:0:1}.t" 20
            reaction "md$i${label:0:1}.t"
            md[$label]="${md[$label]:-} $reacted"
            stop "$w"
        done < <(if [ $((i % 2)) = 1 ]; then images; else images | tac; fi)

        name=mdbhoge$$r$i
        timeout 60 "${as_user[@]}" earlyoom -m "$em" -s 100 -r 0 --prefer "^$name\$" \
            --avoid '^(java|python3.*|sleep|sh|bash|setpriv|timeout|earlyoom|mem_daemon|mdhog.*)$' \
            > "$work/e$i.out" 2>&1 &
        e=$!
        background+=("$e")
        await_file "$work/e$i.out" 'SIGKILL when'
        sleep 1
        start_hog "$name" "$threshold" "eo$i.t" 20
        reaction "eo$i.t"
        eo+=("$reacted")
        stop "$e"
    done
    echo '| killer | reaction ms per round | median ms |'
    echo '|---|---|---|'
    while IFS= read -r entry; do
        label=${entry%%=*}
        # shellcheck disable=SC2086
        echo "| mem_daemon watch --interval 1s ($label) |${md[$label]} | $(printf '%s\n' ${md[$label]} | median) |"
    done < <(images)
    echo "| earlyoom -m $em -s 100 | ${eo[*]} | $(printf '%s\n' "${eo[@]}" | median) |"
    echo
}

stop() {
    kill -TERM "$1" 2> /dev/null || true
    wait "$1" 2> /dev/null || true
}

# cpu_ticks PID: utime + stime of a process, in clock ticks
cpu_ticks() {
    awk '{print $14 + $15}' "/proc/$1/stat"
}

# idle LABEL PID: CPU seconds and RSS of PID over $idle_seconds after a 5 s warm-up
idle() {
    local t0 t1 hz
    hz=$(getconf CLK_TCK)
    sleep 5
    t0=$(cpu_ticks "$2")
    sleep "$idle_seconds"
    t1=$(cpu_ticks "$2")
    printf '| %s | %.2f | %.3f | %.1f | %s | %s |\n' "$1" "$(echo "($t1 - $t0) / $hz" | bc -l)" \
        "$(echo "($t1 - $t0) * 100 / $hz / $idle_seconds" | bc -l)" \
        "$(echo "($t1 - $t0) * 3600 / $hz / $idle_seconds" | bc -l)" \
        "$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$2/status")" \
        "$(find "/proc/$2/task" -mindepth 1 -maxdepth 1 | wc -l)"
}

idle_section() {
    local h w e extra
    h=$(home idle 'threshold 99\n')
    echo "### 4. idle cost over ${idle_seconds} s (far below the threshold: both poll once a second)"
    echo
    echo '| watcher | CPU s | % of one core | CPU s per hour | RSS MiB | threads |'
    echo '|---|---|---|---|---|---|'
    "${as_user[@]}" env HOME="$h" "$image/bin/mem_daemon" watch --interval 1s > /dev/null 2>&1 &
    w=$!
    background+=("$w")
    idle "mem_daemon watch --interval 1s (threshold 99; launcher adds $watch_opts)" "$w"
    stop "$w"
    for extra in -Xshare:off -Xint; do
        "${as_user[@]}" env HOME="$h" MD_JAVA_OPTS="$extra" "$image/bin/mem_daemon" watch --interval 1s \
            > /dev/null 2>&1 &
        w=$!
        background+=("$w")
        idle "same, MD_JAVA_OPTS='$extra'" "$w"
        stop "$w"
    done
    timeout $((idle_seconds + 30)) "${as_user[@]}" earlyoom -m 1 -s 100 -r 0 > /dev/null 2>&1 &
    sleep 0.5
    e=$(pgrep -P "$!" earlyoom || echo "$!")
    background+=("$!")
    idle 'earlyoom -m 1 -s 100 -r 0' "$e"
    stop "$!"
    echo
}

# images: "LABEL=DIR" of the images to compare, BASELINE's first
images() {
    if [ -n "${BASELINE:-}" ]; then
        echo "baseline=$(cd "$BASELINE" && pwd)"
    fi
    echo "this build=$image"
}

# start_watcher DIR NAME CONF: `mem_daemon watch` of the image in DIR as $owner, with its own HOME; sets watcher_pid
# (the java process: setpriv, env and the launcher exec it)
start_watcher() {
    local h
    h=$(home "$2" "$3")
    "${as_user[@]}" env HOME="$h" "$1/bin/mem_daemon" watch --interval 1s > "$work/$2.out" 2>&1 &
    watcher_pid=$!
    background+=("$watcher_pid")
    await_file "$h/.config/mem_daemon/tmp.log" 'watch[ =]started'
    ln -s "$h/.config/mem_daemon/tmp.log" "$work/log.$watcher_pid"
}

# start_system_watcher IMAGE NAME MDCONF: `watch --system` as memory-daemon.service runs it, as a service user with
# CAP_KILL only (here nobody), md.conf root's, its state in the work dir, its journal lines in NAME.out (root only)
start_system_watcher() {
    local d=$work/$2
    mkdir -p "$d/etc" "$d/state"
    # shellcheck disable=SC2059
    printf "$3" > "$d/etc/md.conf"
    chmod 755 "$d" "$d/etc"
    chmod 644 "$d/etc/md.conf"
    chown nobody "$d/state"
    setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=+kill --ambient-caps=+kill --no-new-privs \
        env STATE_DIRECTORY="$d/state" "$1/bin/mem_daemon" watch --system --interval 1s --config "$d/etc/md.conf" \
        > "$d.out" 2>&1 &
    watcher_pid=$!
    background+=("$watcher_pid")
    await_file "$d.out" 'watch=started'
    ln -s "$d.out" "$work/log.$watcher_pid"
}

# passes PID: the passes a watcher ran so far (RAM crossed its threshold), from its log; "-" for another process
passes() {
    if [ -e "$work/log.$1" ]; then
        grep -c ' action=' "$work/log.$1" || true
    else
        echo -
    fi
}

# rollup PID FIELD...: the sum of these fields of /proc/PID/smaps_rollup, in kB
rollup() {
    local pid=$1
    shift
    awk -v f=" $* " 'index(f, " " substr($1, 1, length($1) - 1) " ") {s += $2} END {print s}' "/proc/$pid/smaps_rollup"
}

mib() {
    printf '%.1f' "$(echo "$1 / 1024" | bc -l)"
}

# A watcher that can never act: far below the threshold, and `avoid .` leaves it nothing to choose
never_acts='threshold 99\navoid .\n'

watchers_section() {
    local n i entry label dir pids rss pss priv one_pss=() k=0
    echo "### 6. N watchers from one install: memory per watcher (smaps_rollup after ${settle_seconds} s, mean)"
    echo
    echo "Each watcher runs as $owner with its own HOME and md.conf (threshold 99, avoid .), \`watch --interval 1s\`."
    echo
    echo '| image | watchers | RSS MiB | PSS MiB | private MiB (clean+dirty) | PSS of all MiB | PSS per extra watcher MiB |'
    echo '|---|---|---|---|---|---|---|'
    for n in $watchers; do
        # every image's N watchers run at the same time: the same load for all
        declare -A started=()
        while IFS= read -r entry; do
            label=${entry%%=*}
            dir=${entry#*=}
            pids=()
            for i in $(seq "$n"); do
                start_watcher "$dir" "w-${label// /-}-$n-$i" "$never_acts"
                pids+=("$watcher_pid")
            done
            started[$label]="${pids[*]}"
        done < <(images)
        sleep "$settle_seconds"
        k=0
        while IFS= read -r entry; do
            label=${entry%%=*}
            rss=0 pss=0 priv=0
            for i in ${started[$label]}; do
                rss=$((rss + $(rollup "$i" Rss)))
                pss=$((pss + $(rollup "$i" Pss)))
                priv=$((priv + $(rollup "$i" Private_Clean Private_Dirty)))
            done
            [ "$n" != 1 ] || one_pss[k]=$pss
            printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$n" "$(mib $((rss / n)))" "$(mib $((pss / n)))" \
                "$(mib $((priv / n)))" "$(mib "$pss")" \
                "$(if [ "$n" != 1 ] && [ -n "${one_pss[k]:-}" ]; then mib $(((pss - one_pss[k]) / (n - 1))); else echo -; fi)"
            for i in ${started[$label]}; do
                stop "$i"
            done
            k=$((k + 1))
        done < <(images)
        unset started
    done
    echo
}

# threads_ns PID: "ns TID comm" for each thread of PID (the scheduler's run time, /proc/PID/task/TID/schedstat)
threads_ns() {
    local t
    for t in /proc/"$1"/task/*; do
        printf '%s %s %s\n' "$(cut -d' ' -f1 "$t/schedstat" 2> /dev/null || echo 0)" "${t##*/}" \
            "$(tr ' ' _ < "$t/comm" 2> /dev/null || echo gone)"
    done
}

# ns_sum FILE: the sum of the first column
ns_sum() {
    awk '{s += $1} END {print s + 0}' "$1"
}

# cpu_window WHERE NAMES...: CPU of these processes over $cpu_seconds (NAME=PID), as % of one core from
# utime+stime ticks and as ms from schedstat (threads alive at both ends), one table row each
cpu_window() {
    local where=$1 entry name pid hz t0=() t1=() p0=() i
    shift
    hz=$(getconf CLK_TCK)
    i=0
    for entry in "$@"; do
        pid=${entry#*=}
        t0[i]=$(cpu_ticks "$pid")
        p0[i]=$(passes "$pid")
        threads_ns "$pid" > "$work/ns0.$i"
        i=$((i + 1))
    done
    sleep "$cpu_seconds"
    i=0
    for entry in "$@"; do
        pid=${entry#*=}
        t1[i]=$(cpu_ticks "$pid")
        threads_ns "$pid" > "$work/ns1.$i"
        i=$((i + 1))
    done
    i=0
    for entry in "$@"; do
        name=${entry%=*}
        pid=${entry#*=}
        local ms ticks
        ticks=$((t1[i] - t0[i]))
        # schedstat of the threads alive at both ends
        ms=$(awk 'NR == FNR {a[$2] = $1; next} ($2 in a) {s += $1 - a[$2]} END {printf "%.1f", s / 1e6}' \
            "$work/ns0.$i" "$work/ns1.$i")
        printf '| %s | %s | %s | %s | %.3f | %s | %s | %s |\n' "$where" "$name" \
            "$(if [ "${p0[i]}" = - ]; then echo -; else echo $(($(passes "$pid") - p0[i])); fi)" "$ticks" \
            "$(echo "$ticks * 100 / $hz / $cpu_seconds" | bc -l)" "$ms" \
            "$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status")" \
            "$(awk 'NR == FNR {a[$2] = $1; next} ($2 in a) && $1 - a[$2] > 0 {printf "%s%s %.1f", sep, $3, ($1 - a[$2]) / 1e6;
                sep = ", "}' "$work/ns0.$i" "$work/ns1.$i")"
        i=$((i + 1))
    done
}

cpu_section() {
    local where used threshold em args entry label dir e procs
    echo "### 7. CPU of one watcher and of earlyoom, side by side over ${cpu_seconds} s"
    echo
    echo "All processes of a row group run at the same time, as $owner; after a ${settle_seconds} s start-up. Ticks:"
    echo "utime+stime of /proc/PID/stat ($(getconf CLK_TCK) a second); ms: the scheduler's run time"
    echo "(/proc/PID/task/*/schedstat), split by thread in the last column (ms). Passes: the watcher's passes in the"
    echo "window (RAM used by other jobs crossed its threshold; \`avoid .\` leaves it nothing to choose)."
    echo
    echo '| where | process | passes | ticks | % of one core | CPU ms | RSS MiB | threads (CPU ms) |'
    echo '|---|---|---|---|---|---|---|---|'
    for where in $cpu_where; do
        used=$(used_percent)
        if [ "$where" = far ]; then
            threshold=99
            args=(-m 1 -s 100 -r 0 --dryrun)
        else
            threshold=$((used + near_percent))
            args=(-m "$((100 - threshold))" -s 100 -r 0 --dryrun)
        fi
        procs=()
        # earlyoom: --dryrun kills nothing even if RAM crossed its line
        timeout $((cpu_seconds + settle_seconds + 60)) "${as_user[@]}" earlyoom "${args[@]}" \
            --prefer '^mdbench-matches-nothing$' > "$work/eo-$where.out" 2>&1 &
        background+=("$!")
        e=$!
        while IFS= read -r entry; do
            label=${entry%%=*}
            dir=${entry#*=}
            # avoid . leaves the watcher nothing to choose, even if RAM crossed its threshold
            start_watcher "$dir" "cpu-$where-${label// /-}" "threshold $threshold\navoid .\n"
            procs+=("mem_daemon watch ($label)=$watcher_pid")
        done < <(images)
        if [ "$(id -u)" = 0 ]; then
            start_system_watcher "$image" "cpu-$where-system" "threshold $threshold\navoid .\n"
            procs+=("mem_daemon watch --system (this build)=$watcher_pid")
        fi
        sleep "$settle_seconds"
        procs+=("earlyoom ${args[*]}=$(pgrep -P "$e" earlyoom || echo "$e")")
        cpu_window "$where (threshold $threshold%, used $used%)" "${procs[@]}"
        for entry in "${procs[@]}"; do
            stop "${entry#*=}"
        done
        stop "$e"
    done
    echo
}

what=${1:-all}
echo "## memory-daemon $(cat "$image/VERSION") — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(free -g | awk '/^Mem:/ {print $2}') GiB, kernel $(uname -r)"
echo
case $what in
    check) check_section ;;
    jvm) jvm_section ;;
    classes) classes_section ;;
    scan) scan_section ;;
    react) react_section ;;
    idle) idle_section ;;
    watchers) watchers_section ;;
    cpu) cpu_section ;;
    all) check_section; jvm_section; classes_section; scan_section; react_section; idle_section; watchers_section
        cpu_section ;;
    *) echo "usage: bench/run.sh [check|jvm|classes|scan|react|idle|watchers|cpu|all]" >&2; exit 2 ;;
esac
