// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away home directory with ~/.config/mem_daemon, owned by the user the checker runs as; closing it also
 * removes the crontab the stand-in kept for it.
 */
public final class TempHome implements AutoCloseable {
    private final Path home;
    private final RunAs user;

    public TempHome(RunAs user) throws IOException {
        this.user = user;
        this.home = Files.createTempDirectory("md-home");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(configDir());
        user.own(home);
    }

    public Path home() {
        return home;
    }

    public Path configDir() {
        return home.resolve(".config/mem_daemon");
    }

    public Path config() {
        return configDir().resolve("md.conf");
    }

    public Path log() {
        return configDir().resolve("tmp.log");
    }

    /** Writes md.conf (mode 0600, owned by the user). */
    public TempHome writeConfig(String text) throws IOException {
        Files.writeString(config(), text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(config(), PosixFilePermissions.fromString("rw-------"));
        user.own(configDir());
        return this;
    }

    public String readLog() throws IOException {
        return Files.exists(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
    }

    /** Polls the log until it holds {@code text}; false after {@code seconds}. */
    public boolean awaitLog(String text, long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!readLog().contains(text)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> all = Files.walk(home)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(CrontabStandIn.table(home));
    }
}
