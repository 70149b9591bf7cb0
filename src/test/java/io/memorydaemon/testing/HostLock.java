// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The machine-wide lock of tests that change what every worktree on the machine shares (dpkg's memory-daemon, the
 * system user memory-daemon, large hogs): /tmp/md-host.lock, held as a FileChannel lock (fcntl). On Linux that
 * lock and the flock(2) lock of {@code flock /tmp/md-host.lock cmd} do not see each other, so a whole build run
 * under flock(1) cannot deadlock on it; tests exclude tests.
 */
public final class HostLock implements AutoCloseable {
    public static final Path FILE = Path.of("/tmp/md-host.lock");
    private static final Duration WAIT = Duration.ofMinutes(15);

    private final FileChannel channel;
    private final FileLock lock;

    private HostLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Waits for the lock (at most 15 minutes, then fails the test). A user who may not write the file (root made
     * it) takes a shared lock: it still waits for a root test's exclusive one.
     */
    public static HostLock take() throws IOException, InterruptedException {
        FileChannel channel;
        boolean shared = false;
        try {
            channel = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            channel = FileChannel.open(FILE, StandardOpenOption.READ);
            shared = true;
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
            if (lock != null) {
                return new HostLock(channel, lock);
            }
            if (System.nanoTime() - deadline > 0) {
                channel.close();
                throw new IllegalStateException(FILE + " still held after " + WAIT.toMinutes() + " minutes");
            }
            Thread.sleep(500);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
