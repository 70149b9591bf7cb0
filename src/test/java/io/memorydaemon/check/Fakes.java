// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import io.memorydaemon.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/** Fakes of the check/ interfaces that record what the checker asked of them. */
final class Fakes {
    private Fakes() { }

    static final long MIB = 1024 * 1024;

    /** A process leading its own process group and no session. */
    static ProcessInfo process(long pid, long uid, long rssMib, String name) {
        return new ProcessInfo(pid, 1, uid, 1000 + pid, rssMib * MIB, name);
    }

    /** A process in process group {@code pgid} of session {@code sid}. */
    static ProcessInfo member(long pid, long uid, long rssMib, String name, long pgid, long sid) {
        return new ProcessInfo(pid, pgid == pid ? sid : pgid, uid, 1000 + pid, rssMib * MIB, name, pgid, sid);
    }

    static Executable system(String path) {
        return new Executable(path, true);
    }

    static Config config(double threshold, Optional<Pattern> avoid, Optional<Pattern> prefer, boolean killAsRoot) {
        return new Config(Path.of("md.conf"), threshold, Optional.empty(), 7, avoid, prefer, 60, Path.of("tmp.log"),
                killAsRoot, Optional.empty(), List.of());
    }

    /** A process table built in the test; counts how often it was read. */
    static final class Table implements ProcessTable {
        final List<ProcessInfo> processes;
        final Set<Long> protectedPids;
        final long uid;
        /** Executables by pid; a process not here has one that cannot be read. */
        final Map<Long, Executable> executables = new HashMap<>();
        /** PSS by pid in MiB; a process not here cannot be read. */
        final Map<Long, Long> pssMib = new HashMap<>();
        /** Resident file-backed MiB (RssFile) by pid; a process not here answers nothing. */
        final Map<Long, Long> fileMib = new HashMap<>();
        final Map<Long, String> cgroups = new HashMap<>();
        Optional<Executable> own = Optional.empty();
        boolean hidden;
        /** What the checker asked, in order: "describe 10", "report 9", shared with a signaller's "signal 10". */
        final List<String> events;
        final Map<Long, String> slowNames = new HashMap<>();
        int snapshots;

        Table(long uid, Set<Long> protectedPids, List<ProcessInfo> processes) {
            this.uid = uid;
            this.protectedPids = protectedPids;
            this.processes = processes;
            this.events = new ArrayList<>();
        }

        Table(long uid, Set<Long> protectedPids, List<ProcessInfo> processes, List<String> events) {
            this.uid = uid;
            this.protectedPids = protectedPids;
            this.processes = processes;
            this.events = events;
        }

        @Override
        public List<ProcessInfo> snapshot() {
            snapshots++;
            return processes;
        }

        @Override
        public Optional<ProcessDetails> describe(ProcessInfo p) {
            events.add("describe " + p.pid());
            String user = slowNames.containsKey(p.uid()) ? Long.toString(p.uid())
                    : p.uid() == 0 ? "root" : "user" + p.uid();
            return Optional.of(new ProcessDetails(p, user, "/usr/bin/" + p.name() + " --big"));
        }

        @Override
        public Optional<ProcessDetails> describeForReport(ProcessInfo p) {
            events.add("report " + p.pid());
            return Optional.of(new ProcessDetails(p, slowNames.getOrDefault(p.uid(), "user" + p.uid()),
                    "/usr/bin/" + p.name() + " --big"));
        }

        @Override
        public String userName(long uid) {
            events.add("name " + uid);
            return slowNames.getOrDefault(uid, Long.toString(uid));
        }

        /** The pids whose executable was asked for, in order. */
        final List<Long> exeAsked = new ArrayList<>();

        @Override
        public Optional<Executable> executable(ProcessInfo p) {
            exeAsked.add(p.pid());
            return Optional.ofNullable(executables.get(p.pid()));
        }

        @Override
        public Optional<Executable> ownExecutable() {
            return own;
        }

        /** The pids whose PSS was asked for. */
        final List<Long> pssAsked = new ArrayList<>();

        @Override
        public OptionalLong pssBytes(ProcessInfo p) {
            pssAsked.add(p.pid());
            Long mib = pssMib.get(p.pid());
            return mib == null ? OptionalLong.empty() : OptionalLong.of(mib * MIB);
        }

        @Override
        public OptionalLong fileBytes(ProcessInfo p) {
            Long mib = fileMib.get(p.pid());
            return mib == null ? OptionalLong.empty() : OptionalLong.of(mib * MIB);
        }

        @Override
        public Map<Long, String> userManagerCgroups() {
            return cgroups;
        }

        @Override
        public boolean othersHidden() {
            return hidden;
        }

        @Override
        public Set<Long> selfAndAncestors() {
            return protectedPids;
        }

        @Override
        public long currentUid() {
            return uid;
        }
    }

    /** Records every job it was asked to terminate and answers with a fixed result. */
    static final class RecordingSignaller implements Signaller {
        final List<Job> jobs = new ArrayList<>();
        /** The main process of each job signalled. */
        final List<ProcessInfo> signalled = new ArrayList<>();
        final List<Duration> graces = new ArrayList<>();
        List<String> events = new ArrayList<>();
        Result result = Result.TERMINATED;

        @Override
        public Termination terminate(Job job, Duration grace) {
            events.add("signal " + job.main().pid());
            jobs.add(job);
            signalled.add(job.main());
            graces.add(grace);
            return new Termination(result, job.members().size(),
                    result == Result.FAILED ? Optional.of("EPERM: refused") : Optional.empty());
        }
    }

    static final class MemoryLedger implements WarnLedger {
        final Map<Long, Instant> warned = new HashMap<>();
        final Map<Long, Instant> early = new HashMap<>();
        int rearms;

        @Override
        public boolean warnedEarly(ProcessInfo p, Instant now, Duration interval) {
            Instant last = early.get(p.pid());
            return last != null && Duration.between(last, now).compareTo(interval) < 0;
        }

        @Override
        public void recordEarly(ProcessInfo p, Instant now) {
            early.put(p.pid(), now);
        }

        @Override
        public void rearmEarly() {
            rearms++;
            early.clear();
        }

        @Override
        public Optional<Instant> lastEarly() {
            return early.values().stream().max(Instant::compareTo);
        }

        @Override
        public boolean warnedRecently(ProcessInfo p, Instant now, Duration interval) {
            Instant last = warned.get(p.pid());
            return last != null && Duration.between(last, now).compareTo(interval) < 0;
        }

        @Override
        public void recordWarning(ProcessInfo p, Instant now) {
            warned.put(p.pid(), now);
        }
    }
}
