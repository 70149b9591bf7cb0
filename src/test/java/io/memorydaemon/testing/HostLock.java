// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The machine-wide lock of the tests that change the machine itself (dpkg install/remove of memory-daemon, its system
 * user, throw-away users and their crontabs): several worktrees run their suites at once on one host, and another's
 * test installs the same .deb. Held for the whole test; waiting for it is the point, so it blocks.
 */
public final class HostLock implements AutoCloseable {
    private static final Path FILE = Path.of("/tmp/md-host.lock");

    private final FileChannel channel;
    private final FileLock lock;

    private HostLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Waits until no other test holds the host, then holds it until closed. An ordinary user's run changes nothing
     * machine-wide (the tests that would are skipped), and may not be able to open root's file: it holds nothing.
     */
    public static HostLock hold() throws IOException {
        if (!Root.is()) {
            return new HostLock(null, null);
        }
        // opened without O_CREAT when it is there: /tmp is sticky, and fs.protected_regular refuses O_CREAT on another
        // user's file there, even to root
        FileChannel channel = Files.exists(FILE) ? FileChannel.open(FILE, StandardOpenOption.WRITE)
                : FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            return new HostLock(channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        if (channel == null) {
            return;
        }
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
