// SPDX-License-Identifier: MIT
package io.memorydaemon.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.NodeExporter;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher writes md.conf's {@code metrics_file} after a decision and refreshes it while it watches. */
class WatchMetricsIT {
    private final RunAs user = RunAs.checkerUser();

    /** The textfile directory and the hog's files; JUnit removes them. */
    @TempDir
    Path dir;

    @Test
    void theWatcherCountsItsKillAndKeepsTheFileFreshForNodeExporter() throws Exception {
        NodeExporter.assumeInstalled();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path textfiles = Files.createDirectory(dir.resolve("textfile"));
        Files.setPosixFilePermissions(textfiles, PosixFilePermissions.fromString("rwxr-xr-x"));
        user.own(textfiles);
        Path prom = textfiles.resolve("memory_daemon_" + user.user() + ".prom");
        Path hogDir = Files.createDirectory(dir.resolve("hog"));
        String killed = "memory_daemon_actions_total{user=\"" + user.user() + "\",action=\"killed\"} ";
        try (TempHome home = new TempHome(user); Hog hog = Hog.dominant(user, hogDir, false)) {
            home.writeConfig(hog.victimConfig() + "grace 5\n"
                    + "metrics_file " + prom + "\n");
            try (WatchRun watch = WatchRun.start(user, home);
                 NodeExporter exporter = NodeExporter.start(textfiles, NodeExporter.reader())) {
                assertTrue(watch.awaitLog("action=killed pid=" + hog.pid(), 60), home.readLog());
                assertTrue(await(prom, t -> t.contains(killed + "1\n"), 10), read(prom));
                String first = read(prom);

                // under the threshold from now on: no decision, only the refresh at most every 15 s
                home.writeConfig("threshold 99\nmetrics_file " + prom + "\n");
                String threshold = "memory_daemon_threshold_ratio{user=\"" + user.user() + "\"} ";
                assertTrue(await(prom, t -> t.contains(threshold + "0.99\n"), 40), read(prom));
                assertTrue(stamp(read(prom)) > stamp(first), read(prom));
                String scraped = exporter.scrape();
                assertEquals("0", NodeExporter.value(scraped, "node_textfile_scrape_error").orElseThrow(),
                        scraped + exporter.log());
                assertEquals("1", NodeExporter.value(scraped, "memory_daemon_actions_total{action=\"killed\",user=\""
                        + user.user() + "\"}").orElseThrow(), scraped);
                assertEquals("0.99", NodeExporter.value(scraped, threshold.strip()).orElseThrow(), scraped);

                assertEquals(143, watch.terminate(), watch.stderr());
            }
            assertTrue(read(prom).contains(killed + "1\n"), "the kill stays counted after the watcher stops");
            assertEquals("rw-r--r--", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(prom, LinkOption.NOFOLLOW_LINKS)));
        }
    }

    private static double stamp(String text) {
        return Double.parseDouble(text.replaceFirst(
                "(?s).*\nmemory_daemon_last_check_timestamp_seconds\\{[^}]*\\} (\\S+)\n.*", "$1"));
    }

    private static String read(Path file) throws Exception {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static boolean await(Path file, Predicate<String> test, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!test.test(read(file))) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }
}
