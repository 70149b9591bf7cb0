// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import io.memorydaemon.check.ProcessDetails;
import io.memorydaemon.check.ProcessInfo;
import io.memorydaemon.check.ProcessTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Reads the process table straight from /proc: one small read of {@code stat} and one {@code stat(2)} per
 * process; the command line and user name only for the few processes a report shows.
 */
public final class ProcProcessTable implements ProcessTable {

    private final Path proc;
    private final long pageSize;
    private final Users users;

    public ProcProcessTable(Path proc, long pageSize) {
        this(proc, pageSize, Users.system());
    }

    ProcProcessTable(Path proc, long pageSize, Users users) {
        this.proc = proc;
        this.pageSize = pageSize;
        this.users = users;
    }

    public static ProcProcessTable system() {
        return Holder.SYSTEM;
    }

    /** One table per JVM, so /etc/passwd is read once by a watcher. */
    private static final class Holder {
        static final ProcProcessTable SYSTEM = new ProcProcessTable(Path.of("/proc"), 4096);
    }

    @Override
    public List<ProcessInfo> snapshot() throws IOException {
        List<ProcessInfo> result = new ArrayList<>(512);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (name.isEmpty() || name.charAt(0) < '1' || name.charAt(0) > '9') {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(name);
                } catch (NumberFormatException e) {
                    continue;
                }
                ProcStat.read(proc, pid).ifPresent(s -> {
                    int uid = owner(dir);
                    if (uid >= 0) {
                        result.add(new ProcessInfo(pid, s.ppid(), uid, s.startTime(), s.rssPages() * pageSize, s.name()));
                    }
                });
            }
        }
        return result;
    }

    private static int owner(Path dir) {
        try {
            return (Integer) Files.getAttribute(dir, "unix:uid");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * From {@code /proc/<pid>/cmdline} and /etc/passwd, spawning nothing: this runs between the choice and the
     * signal (OSHI 6.10 runs {@code getent passwd} on every user lookup).
     */
    @Override
    public Optional<ProcessDetails> describe(ProcessInfo p) {
        return commandLine(p.pid()).map(cmd -> new ProcessDetails(p, users.quickName(p.uid()), cmd));
    }

    /** The arguments as {@code ps -o args} shows them: separated by spaces; empty for kernel threads. */
    Optional<String> commandLine(long pid) {
        try {
            byte[] b = Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("cmdline"));
            int end = b.length;
            while (end > 0 && b[end - 1] == 0) {
                end--;
            }
            for (int i = 0; i < end; i++) {
                if (b[i] == 0) {
                    b[i] = ' ';
                }
            }
            return Optional.of(new String(b, 0, end, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Details through OSHI, for the report's top processes after the signal; OSHI and JNA start only here, when
     * used RAM is already over the threshold.
     */
    @Override
    public Optional<ProcessDetails> describeForReport(ProcessInfo p) {
        OSProcess os = Oshi.OS.getProcess((int) p.pid());
        if (os == null || os.getState() == OSProcess.State.INVALID) {
            return Optional.empty();
        }
        return Optional.of(new ProcessDetails(p, users.name(p.uid()), os.getCommandLine()));
    }

    @Override
    public String userName(int uid) {
        return users.name(uid);
    }

    /** Holder: OSHI is created on first use only. */
    private static final class Oshi {
        static final OperatingSystem OS = new SystemInfo().getOperatingSystem();
    }

    @Override
    public Set<Long> selfAndAncestors() {
        Set<Long> pids = new HashSet<>();
        Optional<ProcessHandle> h = Optional.of(ProcessHandle.current());
        while (h.isPresent()) {
            pids.add(h.get().pid());
            h = h.get().parent();
        }
        pids.add(1L);
        return pids;
    }

    @Override
    public int currentUid() {
        return Users.currentUid(proc);
    }
}
