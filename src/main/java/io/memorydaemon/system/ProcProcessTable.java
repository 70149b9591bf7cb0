// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import io.memorydaemon.check.Executable;
import io.memorydaemon.check.ProcessDetails;
import io.memorydaemon.check.ProcessInfo;
import io.memorydaemon.check.ProcessTable;
import io.memorydaemon.check.Uids;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Reads the process table straight from /proc; the command line and user name only for the few processes a
 * report shows; the executable and PSS only for the few a choice needs (through {@link ProcFacts}); the cgroups
 * of users' service managers from the cgroup tree ({@link UserManagerCgroups}).
 */
public final class ProcProcessTable implements ProcessTable {

    private final Path proc;
    private final long pageSize;
    private final Users users;
    private final ProcFacts facts;
    private final UserManagerCgroups cgroups;

    public ProcProcessTable(Path proc, long pageSize) {
        this(proc, pageSize, Users.system(), UserManagerCgroups.of(proc));
    }

    ProcProcessTable(Path proc, long pageSize, Users users, UserManagerCgroups cgroups) {
        this.proc = proc;
        this.pageSize = pageSize;
        this.users = users;
        this.facts = new ProcFacts(proc);
        this.cgroups = cgroups;
    }

    public static ProcProcessTable system() {
        return Holder.SYSTEM;
    }

    /** One table per JVM, so /etc/passwd is read once by a watcher. */
    private static final class Holder {
        static final ProcProcessTable SYSTEM = new ProcProcessTable(Path.of("/proc"), 4096);
    }

    /**
     * Linear, one pass over /proc's names: per process one read of {@code stat} into a buffer reused for all
     * (pid, ppid, process group, session, start time, RSS, comm) and one {@code stat(2)} of its directory for the
     * uid, the cheapest of the ways measured (bench/README.md, section 2); {@code status} holds the uid too but costs
     * the kernel more. A process whose {@code stat} cannot be read ({@code hidepid=noaccess}) is left out.
     */
    @Override
    public List<ProcessInfo> snapshot() throws IOException {
        String[] names = proc.toFile().list();
        if (names == null) {
            throw new IOException("cannot list " + proc);
        }
        List<ProcessInfo> result = new ArrayList<>(names.length);
        byte[] buffer = new byte[STAT_BYTES];
        String base = proc.toString() + "/";
        for (String name : names) {
            long pid = pid(name);
            if (pid <= 0) {
                continue;
            }
            int length = read(base + name + "/stat", buffer);
            ProcStat s = length > 0 ? ProcStat.parse(pid, buffer, length) : null;
            long uid = s == null ? -1 : owner(Path.of(base, name));
            if (uid >= 0) {
                result.add(new ProcessInfo(pid, s.ppid(), uid, s.startTimeTicks(), s.rssPages() * pageSize, s.name(),
                        s.pgid(), s.sid()));
            }
        }
        return result;
    }

    /** A stat line is ~300 bytes; comm is at most 64. */
    private static final int STAT_BYTES = 1024;

    private static long pid(String name) {
        if (name.isEmpty() || name.length() > 18 || name.charAt(0) < '1' || name.charAt(0) > '9') {
            return -1;
        }
        long pid = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            pid = pid * 10 + (c - '0');
        }
        return pid;
    }

    /** Bytes read into {@code buffer}, or -1 when the process is gone. */
    private static int read(String file, byte[] buffer) {
        try (FileInputStream in = new FileInputStream(file)) {
            int n = 0;
            int r;
            while (n < buffer.length && (r = in.read(buffer, n, buffer.length - n)) > 0) {
                n += r;
            }
            return n;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The owner of a /proc directory, unsigned; -1 when the process is gone. */
    private static long owner(Path dir) {
        try {
            return Uids.of((Integer) Files.getAttribute(dir, "unix:uid"));
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
    public String userName(long uid) {
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
    public long currentUid() {
        return Users.currentUid(proc);
    }

    @Override
    public Optional<Executable> executable(ProcessInfo p) {
        return facts.executable(p);
    }

    @Override
    public Optional<Executable> ownExecutable() {
        return facts.ownExecutable();
    }

    @Override
    public OptionalLong pssBytes(ProcessInfo p) {
        return facts.pssBytes(p);
    }

    @Override
    public OptionalLong fileBytes(ProcessInfo p) {
        return facts.fileBytes(p);
    }

    @Override
    public Map<Long, String> userManagerCgroups() {
        return cgroups.read();
    }

    @Override
    public boolean othersHidden() {
        return facts.othersHidden(currentUid());
    }
}
