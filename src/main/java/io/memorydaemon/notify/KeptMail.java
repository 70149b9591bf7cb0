// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import io.memorydaemon.system.OwnedFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One kept mail claimed by this run: a lock on the file itself, taken without waiting, so two runs (two cron
 * checks, a check and the watcher) never deliver the same mail twice, and a run that dies releases it.
 */
final class KeptMail implements AutoCloseable {
    /** Mails are a few KiB; a larger file in the outbox is not one of ours and is never read whole. */
    private static final int MAX_BYTES = 1024 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private KeptMail(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The claim, or empty when another run holds it or has just delivered it. */
    static Optional<KeptMail> claim(Path file) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            FileLock lock = channel.tryLock();
            // the run that held it may have delivered and removed it before we got the lock
            if (lock != null && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(new KeptMail(file, channel, lock));
            }
        } catch (OverlappingFileLockException e) {
            // this process is delivering it already (the watcher's courier)
        }
        channel.close();
        return Optional.empty();
    }

    Path file() {
        return file;
    }

    byte[] bytes() throws IOException {
        long size = channel.size();
        if (size > MAX_BYTES) {
            throw new IOException(file + " is " + size + " bytes, not a mail memory-daemon kept");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // read until full
        }
        return buffer.array();
    }

    /** How long it has been kept: from the time in its name, else its modification time. */
    Duration age(Instant now) {
        String name = file.getFileName().toString();
        int dash = name.indexOf('-');
        try {
            return Duration.between(Instant.ofEpochMilli(Long.parseLong(name.substring(0, dash))), now);
        } catch (RuntimeException e) {
            try {
                return Duration.between(Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant(), now);
            } catch (IOException io) {
                return Duration.ZERO;
            }
        }
    }

    /**
     * Replaces its content in place (a partly delivered mail records who got it). In place, not by a rename: the
     * claim is a lock on this file, and a renamed-over copy could be claimed by another run meanwhile.
     */
    void rewrite(byte[] content) throws IOException {
        channel.truncate(0);
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
            channel.write(buffer, buffer.position());
        }
        channel.force(true);
    }

    void delivered() throws IOException {
        Files.deleteIfExists(file);
    }

    /** Moves it to {@code failed/} beside it: never retried, shown by {@code md_wizard status}. */
    Path giveUp(Path failedDir) throws IOException {
        OwnedFiles.directory(failedDir);
        Path target = failedDir.resolve(file.getFileName());
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
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
