// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.NodeExporter;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * node_exporter serves a check's metrics file: the linked image's {@code check} writes md.conf's {@code metrics_file}
 * into a directory that Debian's {@code prometheus-node-exporter} reads with its textfile collector, as another user
 * ({@code prometheus}) under root, and the test reads /metrics over HTTP as Prometheus would.
 */
class NodeExporterIT {
    private final RunAs user = RunAs.checkerUser();

    /** The textfile directory and the hog's files; JUnit removes them. */
    @TempDir
    Path dir;

    private Path textfiles;
    private Path prom;
    private String series;

    @BeforeEach
    void textfileDirectory() throws Exception {
        NodeExporter.assumeInstalled();
        // the checker's user and node_exporter's pass through it
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        textfiles = Files.createDirectory(dir.resolve("textfile"));
        Files.setPosixFilePermissions(textfiles, PosixFilePermissions.fromString("rwxr-xr-x"));
        user.own(textfiles);
        prom = textfiles.resolve("memory_daemon_" + user.user() + ".prom");
        series = "{user=\"" + user.user() + "\"}";
    }

    private Run.Result check(TempHome home, String config) throws Exception {
        home.writeConfig(config + "metrics_file " + prom + "\n");
        return new ImageRun(user, home.home()).run("mem_daemon", "check");
    }

    /** A counter's series as written (user first) or as node_exporter serves it (labels sorted). */
    private static String counter(RunAs user, String action, boolean served) {
        String u = "user=\"" + user.user() + "\"";
        String a = "action=\"" + action + "\"";
        return "memory_daemon_actions_total{" + (served ? a + "," + u : u + "," + a) + "}";
    }

    private static String counter(RunAs user, String action) {
        return counter(user, action, true);
    }

    @Test
    void nodeExporterServesACheckMetricsFile() throws Exception {
        Path hogDir = Files.createDirectory(dir.resolve("hog"));
        try (TempHome home = new TempHome(user);
             NodeExporter exporter = NodeExporter.start(textfiles, NodeExporter.reader())) {
            Run.Result under = check(home, "threshold 99\n");

            assertEquals(0, under.exitCode(), under.stderr());
            assertEquals("rw-r--r--", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(prom, LinkOption.NOFOLLOW_LINKS)), "node_exporter's user reads it");
            String first = exporter.scrape();
            assertEquals("0", NodeExporter.value(first, "node_textfile_scrape_error").orElseThrow(),
                    first + exporter.log());
            assertEquals("0.99", value(first, "memory_daemon_threshold_ratio" + series));
            double used = Double.parseDouble(value(first, "memory_daemon_used_ratio" + series));
            assertTrue(used > 0 && used < 0.99, first);
            double checkedAt = Double.parseDouble(value(first, "memory_daemon_last_check_timestamp_seconds" + series));
            assertTrue(Math.abs(System.currentTimeMillis() / 1000.0 - checkedAt) < 120, first);
            assertEquals("0", value(first, counter(user, "killed")));
            assertEquals("0", value(first, "memory_daemon_outbox_mails" + series));

            String threshold;
            try (Hog hog = Hog.dominant(user, hogDir, false)) {
                String config = hog.victimConfig();
                threshold = config.substring("threshold ".length(), config.indexOf('\n'));
                Run.Result over = check(home, config);

                assertEquals(0, over.exitCode(), over.stderr());
                assertTrue(hog.waitFor(10) >= 0, "the hog must be gone");
                assertTrue(home.readLog().contains(" action=killed pid=" + hog.pid()), home.readLog());
            }
            String killed = exporter.scrape();
            assertEquals("0", NodeExporter.value(killed, "node_textfile_scrape_error").orElseThrow(),
                    killed + exporter.log());
            assertEquals(Double.parseDouble(threshold) / 100,
                    Double.parseDouble(value(killed, "memory_daemon_threshold_ratio" + series)), 1e-9);
            assertEquals("1", value(killed, counter(user, "killed")));

            // the hog is gone: over the threshold, every process of the user's avoided: someone else's is the
            // largest, and only warned about; the kill is still counted
            Run.Result again = check(home, "threshold 1\nprefer ^mdhog-none$\navoid .\n");

            assertEquals(0, again.exitCode(), again.stderr());
            String after = exporter.scrape();
            assertEquals("0", NodeExporter.value(after, "node_textfile_scrape_error").orElseThrow(),
                    after + exporter.log());
            assertEquals("1", value(after, counter(user, "killed")));
            assertEquals("1", value(after, counter(user, "warned")));
            assertTrue(Double.parseDouble(value(after, "memory_daemon_last_check_timestamp_seconds" + series))
                    >= checkedAt, after);
            assertTrue(NodeExporter.value(after, "node_textfile_mtime_seconds{file=\"" + prom + "\"}").isPresent(),
                    after);
        }
    }

    @Test
    void aDryRunWritesNothingAndABadPreviousFileRestartsTheCountersWithoutFailingTheCheck() throws Exception {
        try (TempHome home = new TempHome(user)) {
            home.writeConfig("threshold 1\navoid .\nmetrics_file " + prom + "\n");

            Run.Result dry = new ImageRun(user, home.home()).run("mem_daemon", "check", "--dry-run");

            assertEquals(0, dry.exitCode(), dry.stderr());
            assertTrue(Files.notExists(prom, LinkOption.NOFOLLOW_LINKS), "a dry run records nothing");

            Files.writeString(prom, "memory_daemon_actions_total{action=\"killed\"} many\n");
            user.own(textfiles);
            // the tightest umask: the file is still 0644, for node_exporter's user
            String launcher = new ImageRun(user, home.home()).launcher("mem_daemon").toString();
            Run.Result real = Run.of(List.of("sh", "-c", "umask 077 && exec \"$0\" check", launcher)).as(user)
                    .env("HOME", home.home().toString()).env("PATH", "/usr/bin:/bin").go();

            assertEquals(0, real.exitCode(), real.stderr());
            assertTrue(home.readLog().contains("metrics_file " + prom + " is not a metrics file memory-daemon wrote"),
                    home.readLog());
            assertEquals("rw-r--r--", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(prom, LinkOption.NOFOLLOW_LINKS)));
            String text = Files.readString(prom);
            assertTrue(text.contains(counter(user, "warned", false) + " 1\n"), text);
            assertTrue(text.contains(counter(user, "killed", false) + " 0\n"), text);
        }
    }

    private static String value(String scraped, String series) {
        return NodeExporter.value(scraped, series).orElseThrow(() -> new AssertionError(series + " not served:\n"
                + scraped));
    }
}
