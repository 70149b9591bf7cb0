// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The machine-wide lock of the tests that change the machine itself (dpkg install/remove of memory-daemon, its system
 * user, throw-away users and their crontabs): several worktrees run their suites at once on one host, and another's
 * test installs the same .deb. Held for the whole test; waiting for it is the point, so it blocks (an hour at most).
 * Linux keeps flock(2) locks (the {@code flock} command people and some tests use) and fcntl locks (Java's
 * {@link FileChannel#lock}) apart, so it holds both, flock first.
 */
public final class HostLock implements AutoCloseable {
    private static final Path FILE = Path.of("/tmp/md-host.lock");
    private static final String WAIT_SECONDS = "3600";

    private final Process flock;
    private final FileChannel channel;
    private final FileLock lock;

    private HostLock(Process flock, FileChannel channel, FileLock lock) {
        this.flock = flock;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Waits until no other test holds the host, then holds it until closed. An ordinary user's run changes nothing
     * machine-wide (the tests that would are skipped), and may not be able to open root's file: it holds nothing.
     */
    public static HostLock hold() throws IOException {
        if (!Root.is()) {
            return new HostLock(null, null, null);
        }
        // flock holds it while cat reads our pipe: closed by close(), or by the kernel if this JVM dies
        Process flock = new ProcessBuilder("flock", "-w", WAIT_SECONDS, FILE.toString(), "sh", "-c",
                "echo held && exec cat > /dev/null").redirectErrorStream(true).start();
        String first = new BufferedReader(new InputStreamReader(flock.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (!"held".equals(first)) {
            flock.destroyForcibly();
            throw new IllegalStateException(FILE + " not locked within " + WAIT_SECONDS + " s: " + first);
        }
        FileChannel channel = null;
        try {
            // opened without O_CREAT when it is there: /tmp is sticky, and fs.protected_regular refuses O_CREAT on
            // another user's file there, even to root
            channel = Files.exists(FILE) ? FileChannel.open(FILE, StandardOpenOption.WRITE)
                    : FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new HostLock(flock, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            release(flock);
            throw e;
        }
    }

    private static void release(Process flock) throws IOException {
        flock.getOutputStream().close();
        try {
            flock.waitFor();
        } catch (InterruptedException e) {
            flock.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        if (flock == null) {
            return;
        }
        try {
            lock.release();
            channel.close();
        } finally {
            release(flock);
        }
    }
}
