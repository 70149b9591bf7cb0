// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import io.memorydaemon.check.Job;
import io.memorydaemon.check.ProcessInfo;
import io.memorydaemon.check.Signaller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Terminates a job: SIGTERM to every member together; after the grace period, every process of it still alive, and
 * any it started meanwhile, is stopped (SIGSTOP, round after round until no new one appears, so a pool cannot fork a
 * replacement between two kills) and then killed with SIGKILL; a user's own cgroup is killed whole by its
 * {@code cgroup.kill}, which the kernel does at once. Each signal goes through a pidfd opened before the process is
 * checked again (same start time, same owner: {@link JobMembers}), so no reused pid is ever signalled.
 *
 * <p>A stop request (the watcher's SIGTERM) while a job waits out its grace cuts the grace to at most
 * {@link #STOP_GRACE}: the kill ends, SIGKILL if due, within a service manager's stop timeout.
 */
public final class ProcSignaller implements Signaller {
    static final Duration STOP_GRACE = Duration.ofSeconds(2);
    private static final Duration AFTER_KILL = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 20;
    private static final long RESCAN_MILLIS = 250;
    private static final int STOP_ROUNDS = 10;

    private final JobMembers members;
    private final BooleanSupplier stopping;

    private ProcSignaller(JobMembers members, BooleanSupplier stopping) {
        this.members = members;
        this.stopping = stopping;
    }

    /** For {@code selfUid}'s check ({@code minUid} -1), or the system watcher's; the cgroup tree as {@code proc} mounts it. */
    static ProcSignaller of(Path proc, long selfUid, long minUid, BooleanSupplier stopping) {
        return new ProcSignaller(new JobMembers(proc, UserManagerCgroups.of(proc).root(), selfUid, minUid), stopping);
    }

    /** A user's own check: the running user's processes only (root: any). */
    public static ProcSignaller forUser(Path proc, BooleanSupplier stopping) {
        return of(proc, Users.currentUid(proc), -1, stopping);
    }

    /**
     * The system watcher's: signals only processes whose real and effective uid are still the ordinary user's the job
     * was chosen as; it needs CAP_KILL (the unit's) or root.
     */
    public static ProcSignaller forOrdinaryUsers(Path proc, long minUid, BooleanSupplier stopping) {
        return of(proc, Users.currentUid(proc), minUid, stopping);
    }

    /** Loads what the first signal needs (libc through JNA), for a watcher near its threshold. */
    public static void warmUp() {
        try {
            Pidfd.warmUp();
        } catch (LinkageError e) {
            // no JNA here: the first kill will say why
        }
    }

    @Override
    public Termination terminate(Job job, Duration grace) {
        Map<Long, ProcessInfo> known = new LinkedHashMap<>();
        boolean reused = false;
        boolean otherUser = false;
        for (ProcessInfo p : job.members()) {
            switch (members.state(p, job.uid())) {
                case ALIVE -> known.put(p.pid(), p);
                case REUSED -> reused = true;
                case OTHER_USER -> otherUser = true;
                case GONE -> { }
            }
        }
        if (known.isEmpty()) {
            Result r = otherUser ? Result.REFUSED_OTHER_USER : reused ? Result.REFUSED_PID_REUSED : Result.GONE;
            return new Termination(r, 0);
        }
        Map<Long, ProcessInfo> signalled = new LinkedHashMap<>();
        Optional<String> failure = signal(job, known, signalled, Pidfd.SIGTERM);
        long now = System.nanoTime();
        long end = now + grace.toNanos();
        long rescan = now;
        while (now - end < 0) {
            Map<Long, ProcessInfo> live = now - rescan >= 0 ? members.current(job, known) : alive(job, known);
            if (live.isEmpty()) {
                return new Termination(Result.TERMINATED, signalled.size(), failure);
            }
            if (now - rescan >= 0) {
                failure = failure.or(() -> signal(job, live, signalled, Pidfd.SIGTERM)); // newcomers get it too
                rescan = now + RESCAN_MILLIS * 1_000_000;
            }
            if (stopping.getAsBoolean()) {
                end = Math.min(end, now + STOP_GRACE.toNanos());
            }
            if (!pause()) {
                end = now;
            }
            now = System.nanoTime();
        }
        failure = failure.or(() -> kill(job, known, signalled));
        boolean gone = waitGone(job, known, AFTER_KILL);
        if (!gone && failure.isEmpty()) {
            failure = Optional.of("still alive " + AFTER_KILL.toSeconds() + " s after SIGKILL");
        }
        return new Termination(gone && failure.isEmpty() ? Result.KILLED : Result.FAILED, signalled.size(), failure);
    }

    /** SIGKILL to what is left: the cgroup whole where this user may, else stop every member, then kill them. */
    private Optional<String> kill(Job job, Map<Long, ProcessInfo> known, Map<Long, ProcessInfo> signalled) {
        Optional<Path> cgroupKill = members.cgroupKill(job);
        if (cgroupKill.isPresent()) {
            try {
                Files.writeString(cgroupKill.get(), "1");
                members.current(job, known).forEach(signalled::putIfAbsent);
                return Optional.empty();
            } catch (IOException e) {
                // the unit went away, or the kernel refuses: signal the members instead
            }
        }
        Optional<String> failure = Optional.empty();
        int before = -1;
        for (int round = 0; round < STOP_ROUNDS && known.size() != before; round++) {
            before = known.size();
            Map<Long, ProcessInfo> live = members.current(job, known);
            failure = failure.or(() -> signal(job, live, signalled, Pidfd.SIGSTOP));
        }
        Map<Long, ProcessInfo> live = members.current(job, known);
        failure = failure.or(() -> signal(job, live, signalled, Pidfd.SIGKILL));
        return failure;
    }

    /** Signals each process not yet sent {@code signal}; the first refusal, if any. */
    private Optional<String> signal(Job job, Map<Long, ProcessInfo> targets, Map<Long, ProcessInfo> signalled,
                                    int signal) {
        Optional<String> failure = Optional.empty();
        for (ProcessInfo p : targets.values()) {
            if (signal == Pidfd.SIGTERM && signalled.containsKey(p.pid())) {
                continue;
            }
            String refused;
            try (Pidfd fd = Pidfd.open(p.pid())) {
                // checked after the pidfd is open: either the check saw the process it holds, or that one is gone
                if (!fd.opened() || members.state(p, job.uid()) != JobMembers.State.ALIVE) {
                    continue;
                }
                refused = fd.send(signal);
            } catch (LinkageError noJna) {
                refused = withoutPidfd(p, job, signal);
            }
            signalled.putIfAbsent(p.pid(), p);
            if (refused != null && failure.isEmpty()) {
                failure = Optional.of(refused.equals("EPERM") ? "EPERM: no CAP_KILL to signal uid " + job.uid() : refused);
            }
        }
        return failure;
    }

    /**
     * Where libc cannot be reached (no JNA): {@link ProcessHandle}, which compares the start time natively right
     * before kill(2); it knows no SIGSTOP, so stop rounds become kill rounds.
     */
    private String withoutPidfd(ProcessInfo p, Job job, int signal) {
        if (members.state(p, job.uid()) != JobMembers.State.ALIVE) {
            return null;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(p.pid());
        boolean sent = h.map(x -> signal == Pidfd.SIGTERM ? x.destroy() : x.destroyForcibly()).orElse(true);
        return sent || members.state(p, job.uid()) != JobMembers.State.ALIVE ? null
                : "signal " + signal + " to pid " + p.pid() + " was refused";
    }

    private Map<Long, ProcessInfo> alive(Job job, Map<Long, ProcessInfo> known) {
        Map<Long, ProcessInfo> live = new LinkedHashMap<>();
        known.values().stream().filter(p -> members.state(p, job.uid()) == JobMembers.State.ALIVE)
                .forEach(p -> live.put(p.pid(), p));
        return live;
    }

    /** Whether the job is gone within the limit: its known processes first, then a last look for newcomers. */
    private boolean waitGone(Job job, Map<Long, ProcessInfo> known, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!alive(job, known).isEmpty() && System.nanoTime() - deadline < 0 && pause()) {
            // polling: the processes were killed, the kernel is freeing them
        }
        return members.current(job, known).isEmpty();
    }

    /** False when interrupted. */
    private static boolean pause() {
        try {
            Thread.sleep(POLL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
