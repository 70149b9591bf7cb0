// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import io.memorydaemon.check.KillRule;
import io.memorydaemon.check.ProcessInfo;
import io.memorydaemon.check.Signaller;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends SIGTERM then SIGKILL through {@link ProcessHandle}, after checking again, right before each signal,
 * that the pid still names the chosen process (same start time) and belongs to the running user; for the system
 * watcher, that it still belongs to the ordinary user it was chosen as.
 */
public final class ProcSignaller implements Signaller {

    private static final Duration AFTER_KILL = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 20;

    private final Path proc;
    private final int uid;
    /** The system watcher's lowest uid of an ordinary user; -1 for a user's own checker. */
    private final int minUid;

    /** @param uid the running user's uid; a process of any other uid is never signalled (root: any) */
    public ProcSignaller(Path proc, int uid) {
        this(proc, uid, -1);
    }

    private ProcSignaller(Path proc, int uid, int minUid) {
        this.proc = proc;
        this.uid = uid;
        this.minUid = minUid;
    }

    /**
     * The system watcher's: signals only a process whose real and effective uid are still those it was chosen with,
     * an ordinary user's ({@link KillRule#ordinaryUser}); it needs CAP_KILL (the unit's only capability) or root.
     */
    public static ProcSignaller forOrdinaryUsers(Path proc, int minUid) {
        return new ProcSignaller(proc, Users.currentUid(proc), minUid);
    }

    public static ProcSignaller system() {
        Path proc = Path.of("/proc");
        return new ProcSignaller(proc, Users.currentUid(proc));
    }

    @Override
    public Result terminate(ProcessInfo target, Duration grace) {
        Optional<ProcessHandle> handle = ProcessHandle.of(target.pid());
        if (handle.isEmpty() || ProcStat.read(proc, target.pid()).isEmpty()) {
            return Result.GONE;
        }
        // before the zombie test: a pid now naming another process is a refusal the log must show, not "gone"
        Result refusal = recheck(target);
        if (refusal != null) {
            return ProcStat.read(proc, target.pid()).isEmpty() ? Result.GONE : refusal;
        }
        if (gone(target)) {
            return Result.GONE;
        }
        // ProcessHandle also compares the start time natively before kill(2): a second guard against pid reuse
        boolean sent = handle.get().destroy();
        if (!sent && !gone(target)) {
            return Result.FAILED;
        }
        if (waitGone(target, grace)) {
            return Result.TERMINATED;
        }
        refusal = recheck(target);
        if (refusal != null) {
            return gone(target) ? Result.TERMINATED : refusal;
        }
        handle.get().destroyForcibly();
        return waitGone(target, AFTER_KILL) ? Result.KILLED : Result.FAILED;
    }

    /** Null when the process may be signalled, else why not. */
    private Result recheck(ProcessInfo target) {
        Optional<ProcStat> now = ProcStat.read(proc, target.pid());
        if (now.isEmpty() || now.get().startTimeTicks() != target.startTimeTicks()) {
            return Result.REFUSED_PID_REUSED;
        }
        if (minUid >= 0) {
            Optional<int[]> ids = ProcStat.uids(proc, target.pid());
            if (ids.isEmpty() || ids.get()[0] != target.uid() || ids.get()[1] != target.uid()
                    || !KillRule.ordinaryUser(target.uid(), minUid)) {
                return Result.REFUSED_OTHER_USER;
            }
        } else if (uid != 0) {
            Optional<int[]> ids = ProcStat.uids(proc, target.pid());
            if (ids.isEmpty() || ids.get()[0] != uid || ids.get()[1] != uid) {
                return Result.REFUSED_OTHER_USER;
            }
        }
        return null;
    }

    /** Gone: no such pid, a zombie waiting for its parent, or the pid now names a newer process. */
    private boolean gone(ProcessInfo target) {
        Optional<ProcStat> now = ProcStat.read(proc, target.pid());
        return now.isEmpty() || now.get().zombie() || now.get().startTimeTicks() != target.startTimeTicks();
    }

    private boolean waitGone(ProcessInfo target, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!gone(target)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return gone(target);
            }
        }
        return true;
    }
}
