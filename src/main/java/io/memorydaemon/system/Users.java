// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import io.memorydaemon.check.Uids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * User names by uid. {@code /etc/passwd} is read once and answers before a signal, where every millisecond is
 * a runaway job's; users it does not know (LDAP, NIS) are asked of {@code getent} only for the report, and
 * remembered.
 */
final class Users {
    private final Path passwd;
    private volatile Map<Long, String> local;
    private final Map<Long, String> looked = new ConcurrentHashMap<>();

    Users(Path passwd) {
        this.passwd = passwd;
    }

    static Users system() {
        return new Users(Path.of("/etc/passwd"));
    }

    /** The name from /etc/passwd (or an earlier getent), else the uid as a number; never spawns a process. */
    String quickName(long uid) {
        String name = local().get(uid);
        if (name == null) {
            name = looked.get(uid);
        }
        return name == null ? Long.toString(uid) : name;
    }

    /** As {@link #quickName}, asking {@code getent passwd <uid>} for users /etc/passwd does not name. */
    String name(long uid) {
        String quick = quickName(uid);
        if (!quick.equals(Long.toString(uid))) {
            return quick;
        }
        return getent(uid).map(n -> {
            looked.put(uid, n);
            return n;
        }).orElse(quick);
    }

    private Map<Long, String> local() {
        Map<Long, String> m = local;
        if (m == null) {
            Map<Long, String> read = new ConcurrentHashMap<>();
            try {
                for (String line : Files.readAllLines(passwd, StandardCharsets.UTF_8)) {
                    parse(line).ifPresent(e -> read.putIfAbsent(e.getKey(), e.getValue()));
                }
            } catch (IOException | RuntimeException e) {
                // no readable passwd: names come from getent, or stay numbers
            }
            local = read;
            m = read;
        }
        return m;
    }

    /** One passwd(5) line {@code name:x:uid:…}, or empty when it is not one. */
    static Optional<Map.Entry<Long, String>> parse(String line) {
        String[] f = line.split(":", 4);
        if (f.length < 4 || f[0].isEmpty()) {
            return Optional.empty();
        }
        long uid = Uids.parse(f[2]);
        return uid < 0 ? Optional.empty() : Optional.of(Map.entry(uid, f[0]));
    }

    /** A directory service that does not answer within this must not hold up the report. */
    private static final Duration GETENT_DEADLINE = Duration.ofSeconds(3);

    private static Optional<String> getent(long uid) {
        Commands.Result r = Commands.run(List.of("getent", "passwd", Long.toString(uid)),
                Map.of("PATH", "/usr/bin:/bin"), "", GETENT_DEADLINE);
        if (!r.ok()) {
            return Optional.empty();
        }
        return parse(r.stdout().strip()).filter(e -> e.getKey() == uid).map(Map.Entry::getValue);
    }

    /** The real uid of this process, from /proc/self/status. */
    static long currentUid(Path proc) {
        return ProcStat.uids(proc, ProcessHandle.current().pid())
                .map(u -> u[0])
                .orElseThrow(() -> new IllegalStateException("cannot read the uid from " + proc + "/self/status"));
    }
}
