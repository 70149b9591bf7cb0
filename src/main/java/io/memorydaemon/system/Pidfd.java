// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import com.sun.jna.Function;
import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLibrary;
import java.util.Map;

/**
 * Signals through a pidfd (Linux 5.3+): a handle on one process, not on a number, so a signal sent through it can
 * never reach a process that took the pid over since. Opened first, then the process it names is checked in /proc
 * (the same start time, the same owner): either that check saw the process the pidfd holds, or that process is
 * gone and the signal fails harmlessly. Where the kernel has no pidfd, {@code kill(2)} right after the same check.
 * Both through libc (JNA, which the image bundles for OSHI), so a refusal comes with its errno ({@code EPERM}).
 * syscall(2) is variadic and reads each argument as a long: every one is passed as one.
 */
final class Pidfd implements AutoCloseable {
    static final int SIGKILL = 9;
    static final int SIGTERM = 15;
    static final int SIGCONT = 18;
    static final int SIGSTOP = 19;
    /** The same numbers on every architecture: added after the syscall tables were unified. */
    private static final long SYS_PIDFD_SEND_SIGNAL = 424;
    private static final long SYS_PIDFD_OPEN = 434;
    private static final int ENOSYS = 38;
    /** The answer when the signaller may not signal that process: without CAP_KILL, another user's. */
    static final int EPERM = 1;
    private static final Map<Integer, String> NAMES = Map.of(1, "EPERM", 3, "ESRCH", 13, "EACCES", 22, "EINVAL",
            24, "EMFILE", 38, "ENOSYS");

    private final long pid;
    /** -1: no pidfd (gone, or the kernel has none); then {@link #send} uses kill(2). */
    private final int fd;

    private Pidfd(long pid, int fd) {
        this.pid = pid;
        this.fd = fd;
    }

    /** Looks libc's functions up (JNA's start, ~50 ms cold), so a watcher's first kill does not wait for it. */
    static void warmUp() {
        Libc.CLOSE.getName();
    }

    /** A handle on the process that has {@code pid} now; {@code kill(2)} where the kernel has no pidfd. */
    static Pidfd open(long pid) {
        try {
            return new Pidfd(pid, Libc.SYSCALL.invokeInt(new Object[] {SYS_PIDFD_OPEN, pid, 0L}));
        } catch (LastErrorException e) {
            return new Pidfd(pid, e.getErrorCode() == ENOSYS ? -1 : -2);
        }
    }

    /** Whether the process was there to open: false when it is gone already. */
    boolean opened() {
        return fd != -2;
    }

    /** Sends the signal; null when it was sent (or the process is gone), else why not: {@code EPERM}, or the errno. */
    String send(int signal) {
        if (fd == -2) {
            return null;
        }
        try {
            if (fd >= 0) {
                Libc.SYSCALL.invokeInt(new Object[] {SYS_PIDFD_SEND_SIGNAL, (long) fd, (long) signal, null, 0L});
            } else {
                Libc.KILL.invokeInt(new Object[] {(int) pid, signal});
            }
            return null;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == 3) {
                return null; // exited meanwhile: what the signal was for
            }
            return e.getErrorCode() == EPERM ? "EPERM" : NAMES.getOrDefault(e.getErrorCode(), "errno "
                    + e.getErrorCode()) + ": signal " + signal + " to pid " + pid + " was refused";
        }
    }

    @Override
    public void close() {
        if (fd >= 0) {
            try {
                Libc.CLOSE.invokeInt(new Object[] {fd});
            } catch (LastErrorException e) {
                // nothing to do about a failed close of a pidfd
            }
        }
    }

    /** libc's functions, looked up on first use. */
    private static final class Libc {
        static final NativeLibrary C = NativeLibrary.getInstance("c");
        static final Function SYSCALL = C.getFunction("syscall", Function.THROW_LAST_ERROR);
        static final Function KILL = C.getFunction("kill", Function.THROW_LAST_ERROR);
        static final Function CLOSE = C.getFunction("close", Function.THROW_LAST_ERROR);
    }
}
