// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import io.memorydaemon.check.Job;
import io.memorydaemon.check.KillRule;
import io.memorydaemon.check.ProcessInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who belongs to a job now, for its signaller: the members it was chosen with, while each is still the same process
 * (same start time, not a zombie) of the same owner; and for a process group or a cgroup, the processes it has
 * started since (the same process group, or the same cgroup, and the same owner), so a pool that forks a new worker
 * for each one killed loses them all.
 */
final class JobMembers {
    /** Why a member may not be signalled. */
    enum State { ALIVE, GONE, REUSED, OTHER_USER }

    private final Path proc;
    private final Optional<Path> cgroupRoot;
    /** The running user; only root, or the system watcher, may signal another uid's process. */
    private final long selfUid;
    /** The system watcher's lowest uid of an ordinary user; -1 for a user's own check. */
    private final long minUid;

    JobMembers(Path proc, Optional<Path> cgroupRoot, long selfUid, long minUid) {
        this.proc = proc;
        this.cgroupRoot = cgroupRoot;
        this.selfUid = selfUid;
        this.minUid = minUid;
    }

    /** Whether this exact process may still be signalled as a member of a job of {@code uid}. */
    State state(ProcessInfo p, long uid) {
        Optional<ProcStat> now = ProcStat.read(proc, p.pid());
        if (now.isEmpty() || now.get().zombie()) {
            return State.GONE;
        }
        if (now.get().startTimeTicks() != p.startTimeTicks()) {
            return State.REUSED;
        }
        Optional<long[]> ids = ProcStat.uids(proc, p.pid());
        if (ids.isEmpty()) {
            return State.GONE;
        }
        boolean owner = ids.get()[0] == uid && ids.get()[1] == uid;
        boolean allowed = minUid >= 0 ? KillRule.ordinaryUser(uid, minUid) : selfUid == 0 || uid == selfUid;
        return owner && allowed ? State.ALIVE : State.OTHER_USER;
    }

    /**
     * The job's live processes now, by pid: the known ones still alive, and for a process group or cgroup the ones
     * it started since (added to {@code known}, with the start time they have now).
     */
    Map<Long, ProcessInfo> current(Job job, Map<Long, ProcessInfo> known) {
        Map<Long, ProcessInfo> live = new LinkedHashMap<>();
        for (ProcessInfo p : known.values()) {
            if (state(p, job.uid()) == State.ALIVE) {
                live.put(p.pid(), p);
            }
        }
        for (long pid : joined(job)) {
            if (known.containsKey(pid)) {
                continue;
            }
            ProcStat.read(proc, pid).filter(s -> !s.zombie()
                    && (job.kind() != Job.Kind.PGROUP || Long.toString(s.pgid()).equals(job.id())))
                    .ifPresent(s -> {
                        ProcessInfo p = new ProcessInfo(pid, s.ppid(), job.uid(), s.startTimeTicks(), 0, s.name(),
                                s.pgid(), s.sid());
                        if (state(p, job.uid()) == State.ALIVE) {
                            known.put(pid, p);
                            live.put(pid, p);
                        }
                    });
        }
        return live;
    }

    /** The cgroup's {@code cgroup.kill} (Linux 5.14+), when this user may write it (a user's own delegated unit). */
    Optional<Path> cgroupKill(Job job) {
        if (job.kind() != Job.Kind.CGROUP || cgroupRoot.isEmpty()) {
            return Optional.empty();
        }
        Path kill = cgroupRoot.get().resolve(job.id().substring(1)).resolve("cgroup.kill");
        return Files.isRegularFile(kill, LinkOption.NOFOLLOW_LINKS) && Files.isWritable(kill)
                ? Optional.of(kill) : Optional.empty();
    }

    /** The pids a job may have started since it was chosen: its process group's, or its cgroup's (every level). */
    private List<Long> joined(Job job) {
        List<Long> pids = new ArrayList<>();
        if (job.kind() == Job.Kind.PGROUP) {
            String[] names = proc.toFile().list();
            for (String name : names == null ? new String[0] : names) {
                if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
                    pids.add(Long.parseLong(name));
                }
            }
        } else if (job.kind() == Job.Kind.CGROUP && cgroupRoot.isPresent()) {
            procs(cgroupRoot.get().resolve(job.id().substring(1)), pids, 0);
        }
        return pids;
    }

    private static void procs(Path dir, List<Long> pids, int depth) {
        try {
            for (String line : Files.readAllLines(dir.resolve("cgroup.procs"), StandardCharsets.US_ASCII)) {
                if (!line.isBlank()) {
                    pids.add(Long.parseLong(line.strip()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return;
        }
        if (depth < 8) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir,
                    p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
                children.forEach(c -> procs(c, pids, depth + 1));
            } catch (IOException e) {
                // removed meanwhile
            }
        }
    }
}
