// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The machine-wide lock of tests that change what every worktree on the machine shares (dpkg's memory-daemon, the
 * system user memory-daemon, large hogs): /tmp/md-host.lock. On Linux the lock of {@code flock /tmp/md-host.lock cmd}
 * (flock(2)) and a Java FileChannel lock (fcntl) do not see each other, and both are in use: shell commands and whole
 * builds take the first, other tests the second. So this takes both: flock through a {@code flock} process that
 * holds it while it lives (unless an ancestor of this JVM holds it already: a build run under flock must not wait
 * for itself), then the FileChannel lock.
 */
public final class HostLock implements AutoCloseable {
    public static final Path FILE = Path.of("/tmp/md-host.lock");
    private static final Duration WAIT = Duration.ofMinutes(30);

    private final Optional<Process> flock;
    private final FileChannel channel;
    private final FileLock lock;

    private HostLock(Optional<Process> flock, FileChannel channel, FileLock lock) {
        this.flock = flock;
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits for both locks, at most 30 minutes each (builds hold flock throughout), then fails the test. */
    public static HostLock take() throws IOException, InterruptedException {
        Optional<Process> flock = heldByAncestor() ? Optional.empty() : Optional.of(flock());
        try {
            return new HostLock(flock, null, null).withChannelLock();
        } catch (IOException | RuntimeException | InterruptedException e) {
            flock.ifPresent(Process::destroy);
            throw e;
        }
    }

    /** A user who may not write the file (root made it) takes a shared lock: it still waits for an exclusive one. */
    private HostLock withChannelLock() throws IOException, InterruptedException {
        FileChannel ch;
        boolean shared = false;
        try {
            ch = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            ch = FileChannel.open(FILE, StandardOpenOption.READ);
            shared = true;
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            FileLock l = ch.tryLock(0, Long.MAX_VALUE, shared);
            if (l != null) {
                return new HostLock(flock, ch, l);
            }
            if (System.nanoTime() - deadline > 0) {
                ch.close();
                throw new IllegalStateException(FILE + " (FileChannel lock) still held after " + WAIT.toMinutes()
                        + " minutes");
            }
            Thread.sleep(500);
        }
    }

    /** {@code flock -w} holding the lock until its stdin closes (also when this JVM dies). */
    private static Process flock() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("flock", "-w", Long.toString(WAIT.toSeconds()), FILE.toString(), "sh",
                "-c", "echo held && exec cat > /dev/null")).redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"held".equals(line)) {
            p.destroy();
            throw new IllegalStateException("flock " + FILE + " failed (exit " + p.waitFor() + "): " + line);
        }
        return p;
    }

    /** Whether a process this JVM descends from holds the flock(2) lock now (/proc/locks names its pid). */
    private static boolean heldByAncestor() throws IOException {
        if (!Files.exists(FILE)) {
            return false;
        }
        String inode = ":" + Files.getAttribute(FILE, "unix:ino") + " ";
        Set<Long> holders = Files.readAllLines(Path.of("/proc/locks")).stream()
                .filter(l -> l.contains(" FLOCK ") && !l.contains("->") && l.contains(inode))
                .map(l -> Long.parseLong(l.trim().split("\\s+")[4])).collect(Collectors.toSet());
        for (Optional<ProcessHandle> p = ProcessHandle.current().parent(); p.isPresent(); p = p.get().parent()) {
            if (holders.contains(p.get().pid())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            if (flock.isPresent()) {
                flock.get().getOutputStream().close();
                flock.get().destroy();
            }
        }
    }
}
