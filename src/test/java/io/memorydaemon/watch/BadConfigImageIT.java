// SPDX-License-Identifier: MIT
package io.memorydaemon.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A bad md.conf as a user meets it, from the linked image: a 40 MB file, a BOM, binary content. One line and
 * exit 2, no stack trace; a running watcher keeps its settings and goes on protecting.
 */
class BadConfigImageIT {
    private static final long FORTY_MB = 40L << 20;

    private final RunAs user = RunAs.checkerUser();

    @Test
    void aFortyMegabyteMdConfIsOneLineAndExitTwo() throws Exception {
        try (TempHome home = new TempHome(user)) {
            home.writeConfig("");
            grow(home.config(), FORTY_MB);

            Run.Result r = new ImageRun(user, home.home()).run("mem_daemon", "check");

            assertEquals(2, r.exitCode(), r.both());
            assertEquals(1, r.stderr().lines().count(), r.stderr());
            assertTrue(r.stderr().startsWith(home.config() + ": "), r.stderr());
            assertFalse(r.both().contains("Exception") || r.both().contains("Error:"), r.both());
        }
    }

    @Test
    void aByteOrderMarkIsAcceptedAndBinaryContentIsNamedWithItsLine() throws Exception {
        try (TempHome home = new TempHome(user)) {
            home.writeConfig("\ufeffthreshold 99\n");
            assertEquals(0, new ImageRun(user, home.home()).run("mem_daemon", "check").exitCode(), home.readLog());

            home.writeConfig("threshold 99\n# fine\nwarn\u0000\u0001\u00ff_interval 5\n");
            Run.Result r = new ImageRun(user, home.home()).run("mem_daemon", "check");

            assertEquals(2, r.exitCode(), r.both());
            assertTrue(r.stderr().startsWith(home.config() + ":3:"), r.stderr());
            assertFalse(r.both().contains("Exception"), r.both());
        }
    }

    @Test
    void aRunningWatcherKeepsItsSettingsWhenMdConfBecomesFortyMegabytesAndStillKills() throws Exception {
        try (TempHome home = new TempHome(user)) {
            home.writeConfig("threshold 1\nprefer ^mdhog-none$\navoid .\n");
            try (WatchRun watch = WatchRun.start(user, home, "--interval", "200ms")) {
                Path big = home.config().resolveSibling("md.conf.big");
                Files.writeString(big, "threshold 1\n", StandardCharsets.UTF_8);
                grow(big, FORTY_MB);
                user.own(home.configDir());
                Files.move(big, home.config(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

                assertTrue(watch.awaitLog("changed but is not valid, keeping the previous settings", 30),
                        home.readLog());
                assertTrue(watch.isAlive(), watch.stderr());

                try (Hog hog = Hog.dominant(user, false)) {
                    home.writeConfig(hog.victimConfig());
                    assertTrue(hog.waitFor(30) >= 0, "the watcher still protects: " + home.readLog());
                }
                assertEquals(143, watch.terminate(), watch.stderr());
                assertFalse(watch.stderr().contains("Exception") || watch.stderr().contains("OutOfMemory"),
                        watch.stderr());
            }
        }
    }

    /** A sparse file of {@code bytes}: 40 MB on disk costs nothing, reading it whole would. */
    private static void grow(Path file, long bytes) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes);
        }
    }
}
