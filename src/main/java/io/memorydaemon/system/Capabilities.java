// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import io.memorydaemon.check.Uids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What this process may do to other users' processes: its real and effective uid and its effective capabilities
 * ({@code Uid:} and {@code CapEff:} of {@code /proc/self/status}). The system watcher needs CAP_KILL to signal them
 * and CAP_SYS_PTRACE to read their {@code /proc/PID/exe} and {@code smaps_rollup}; memory-daemon.service grants
 * exactly these two, and root becomes the service user with the same two ({@link ServiceUser}).
 */
public record Capabilities(long realUid, long effectiveUid, long effective) {
    /** capability(7) numbers. */
    public static final int CAP_KILL = 5;
    public static final int CAP_SYS_PTRACE = 19;
    /** The unit's set, as a CapEff mask: 0x80020. */
    public static final long SYSTEM_WATCHER = (1L << CAP_KILL) | (1L << CAP_SYS_PTRACE);

    /** This process's, read once (they do not change while it runs). */
    public static Capabilities self() {
        return Self.CURRENT;
    }

    /** Holder: read on first use, so a check that never asks reads nothing. */
    private static final class Self {
        static final Capabilities CURRENT = read(Path.of("/proc")).orElse(new Capabilities(-1, -1, 0));
    }

    /** From {@code proc/self/status}; empty when it cannot be read or lacks the fields. */
    static Optional<Capabilities> read(Path proc) {
        try {
            return parse(Files.readAllLines(proc.resolve("self").resolve("status")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<Capabilities> parse(List<String> status) {
        long[] uids = null;
        Long capEff = null;
        for (String line : status) {
            if (line.startsWith("Uid:")) {
                String[] f = line.substring(4).strip().split("\\s+");
                uids = new long[] {Uids.parse(f[0]), Uids.parse(f[1])};
            } else if (line.startsWith("CapEff:")) {
                capEff = Long.parseUnsignedLong(line.substring(7).strip(), 16);
            }
        }
        return uids == null || capEff == null ? Optional.empty()
                : Optional.of(new Capabilities(uids[0], uids[1], capEff));
    }

    public boolean has(int capability) {
        return (effective & (1L << capability)) != 0;
    }

    public boolean isRoot() {
        return effectiveUid == 0;
    }

    /** CapEff as /proc shows it, for a message: 16 hex digits. */
    public String effectiveHex() {
        return String.format("%016x", effective);
    }
}
