// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a cron daemon runs, as an ordinary user can tell: a process named as one (Debian's cron, cronie's and
 * dcron's crond, fcron, busybox crond) in /proc; its executable link is root's and unreadable, but its name
 * ({@code comm}) and command line are not. Under {@code hidepid} /proc shows a user only their own processes: then
 * the daemon's pid file stands in, or the answer is "cannot tell". For the report only: a name anyone can give a
 * process decides nothing here but whether to warn.
 */
public final class CronDaemon {
    private static final Set<String> NAMES = Set.of("cron", "crond", "fcron");
    private static final List<Path> PID_FILES = List.of(Path.of("/run/crond.pid"), Path.of("/var/run/crond.pid"));
    private static final int MAX_NAME_BYTES = 4096;

    /** What was found: running, not running, or hidden from this user. */
    public enum State { RUNNING, NOT_RUNNING, UNKNOWN }

    /** @param evidence what the answer rests on, for a person: {@code cron (pid 612)}, or why it cannot tell */
    public record Finding(State state, String evidence) { }

    private final Path proc;
    private final List<Path> pidFiles;

    CronDaemon(Path proc, List<Path> pidFiles) {
        this.proc = proc;
        this.pidFiles = List.copyOf(pidFiles);
    }

    public static CronDaemon system() {
        return new CronDaemon(Path.of("/proc"), PID_FILES);
    }

    public Finding find() {
        String[] names = proc.toFile().list();
        if (names == null) {
            return new Finding(State.UNKNOWN, "cannot list " + proc);
        }
        for (String name : names) {
            if (!name.chars().allMatch(Character::isDigit)) {
                continue;
            }
            Optional<String> daemon = daemonName(proc.resolve(name));
            if (daemon.isPresent()) {
                return new Finding(State.RUNNING, daemon.get() + " (pid " + name + ")");
            }
        }
        if (!hidden()) {
            return new Finding(State.NOT_RUNNING, "no cron, crond or fcron process in " + proc);
        }
        for (Path pidFile : pidFiles) {
            if (Files.isRegularFile(pidFile)) {
                return new Finding(State.RUNNING, pidFile + " (its process is hidden from you by hidepid)");
            }
        }
        return new Finding(State.UNKNOWN, proc + " hides other users' processes (hidepid) and there is no "
                + pidFiles.get(0));
    }

    /** The daemon's name when {@code dir} is a cron daemon's /proc entry: by its name, or busybox's applet. */
    private static Optional<String> daemonName(Path dir) {
        String comm = read(dir.resolve("comm")).strip();
        if (NAMES.contains(comm)) {
            return Optional.of(comm);
        }
        if (comm.equals("busybox")) {
            String[] argv = read(dir.resolve("cmdline")).split("\0");
            for (int i = 0; i < Math.min(2, argv.length); i++) {
                if (argv[i].equals("crond") || argv[i].endsWith("/crond")) {
                    return Optional.of("busybox crond");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether /proc is mounted with {@code hidepid} (1, 2, noaccess, invisible, ptraceable) and hides from this user
     * what it does not own: then the absence of a daemon proves nothing. Root sees through it.
     */
    boolean hidden() {
        if (Files.isReadable(proc.resolve("1/comm"))) {
            return false;
        }
        for (String mount : read(proc.resolve("mounts")).split("\n")) {
            String[] f = mount.split(" ");
            if (f.length >= 4 && f[2].equals("proc") && f[1].equals(proc.toString())) {
                for (String option : f[3].split(",")) {
                    if (option.startsWith("hidepid=") && !option.equals("hidepid=0") && !option.equals("hidepid=off")) {
                        return true;
                    }
                }
            }
        }
        return !Files.exists(proc.resolve("1"));
    }

    /** The file's text, bounded; empty for a process gone or unreadable. */
    private static String read(Path file) {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_NAME_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
