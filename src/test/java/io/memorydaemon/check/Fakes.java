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
import java.util.Set;
import java.util.regex.Pattern;

/** Fakes of the check/ interfaces that record what the checker asked of them. */
final class Fakes {
    private Fakes() { }

    static final long MIB = 1024 * 1024;

    static ProcessInfo process(long pid, int uid, long rssMib, String name) {
        return new ProcessInfo(pid, 1, uid, 1000 + pid, rssMib * MIB, name);
    }

    static Config config(double threshold, Optional<Pattern> avoid, Optional<Pattern> prefer, boolean killAsRoot) {
        return new Config(Path.of("md.conf"), threshold, Optional.empty(), 7, avoid, prefer, 60, Path.of("tmp.log"),
                killAsRoot, Optional.empty(), List.of());
    }

    /** A process table built in the test; counts how often it was read. */
    static final class Table implements ProcessTable {
        final List<ProcessInfo> processes;
        final Set<Long> protectedPids;
        final int uid;
        /** What the checker asked, in order: "describe 10", "report 9", shared with a signaller's "signal 10". */
        final List<String> events;
        final Map<Integer, String> slowNames = new HashMap<>();
        int snapshots;

        Table(int uid, Set<Long> protectedPids, List<ProcessInfo> processes) {
            this.uid = uid;
            this.protectedPids = protectedPids;
            this.processes = processes;
            this.events = new ArrayList<>();
        }

        Table(int uid, Set<Long> protectedPids, List<ProcessInfo> processes, List<String> events) {
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
            String user = slowNames.containsKey(p.uid()) ? Integer.toString(p.uid())
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
        public String userName(int uid) {
            events.add("name " + uid);
            return slowNames.getOrDefault(uid, Integer.toString(uid));
        }

        @Override
        public Set<Long> selfAndAncestors() {
            return protectedPids;
        }

        @Override
        public int currentUid() {
            return uid;
        }
    }

    /** Records every process it was asked to terminate and answers with a fixed result. */
    static final class RecordingSignaller implements Signaller {
        final List<ProcessInfo> signalled = new ArrayList<>();
        final List<Duration> graces = new ArrayList<>();
        List<String> events = new ArrayList<>();
        Result result = Result.TERMINATED;

        @Override
        public Result terminate(ProcessInfo process, Duration grace) {
            events.add("signal " + process.pid());
            signalled.add(process);
            graces.add(grace);
            return result;
        }
    }

    static final class MemoryLedger implements WarnLedger {
        final Map<Long, Instant> warned = new HashMap<>();

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
