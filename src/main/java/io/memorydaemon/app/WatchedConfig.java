// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import io.memorydaemon.config.Config;
import io.memorydaemon.config.ConfigException;
import io.memorydaemon.system.EventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** md.conf as the watcher sees it: looked at (one stat) at most once a second, re-read when it changed. */
final class WatchedConfig {
    private static final long POLL_MILLIS = 1_000;

    private final Environment env;
    private final Path file;
    private Object stamp;
    private long checkedNanos;

    WatchedConfig(Environment env, Path file) {
        this.env = env;
        this.file = file;
        this.stamp = stamp();
        this.checkedNanos = System.nanoTime();
    }

    Path file() {
        return file;
    }

    /** The new settings when the file's size, time or inode changed; a bad new file is reported and ignored. */
    Optional<Config> changed(EventLog log) {
        long now = System.nanoTime();
        if (now - checkedNanos < TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)) {
            return Optional.empty();
        }
        checkedNanos = now;
        Object current = stamp();
        if (Objects.equals(current, stamp)) {
            return Optional.empty();
        }
        stamp = current;
        try {
            return Optional.of(ConfigLoader.load(env, Optional.of(file)));
        } catch (ConfigException e) {
            log.error("memory-daemon: " + file.getFileName() + " changed but is not valid, keeping the previous"
                    + " settings: " + String.join("; ", e.problems()));
            return Optional.empty();
        }
    }

    /**
     * Size, modification time and inode of md.conf. No text is formatted and equals is written out: a record's
     * generated equals spins ~40 method-handle classes on first use (measured: -Xlog:class+load), for a resident
     * process that is metaspace kept for its life.
     */
    private record Stamp(long size, FileTime modified, Object fileKey) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Stamp s && s.size == size && s.modified.equals(modified)
                    && Objects.equals(s.fileKey, fileKey);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(size) * 31 + modified.hashCode();
        }
    }

    /** md.conf's {@link Stamp}; "missing" when it is gone. */
    private Object stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.size(), a.lastModifiedTime(), a.fileKey());
        } catch (NoSuchFileException e) {
            return "missing";
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
