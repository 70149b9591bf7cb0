// SPDX-License-Identifier: MIT
package io.memorydaemon.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.HostLock;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.Memory;
import io.memorydaemon.testing.NodeExporter;
import io.memorydaemon.testing.Prometheus;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped kill alert, end to end as a deployment sees it: Debian's node_exporter (textfile collector) and
 * Prometheus (the image's rules, scrape and evaluation every second) already running, the metrics file written by
 * quiet checks, then a real {@code mem_daemon check} of the image kills a real hog, and
 * {@code MemoryDaemonKilledProcess} is firing for this host and user in Prometheus' HTTP API. An innocent process of
 * the same user (its own session) lives on. Then every query of the Grafana dashboard finds this host and user, and
 * its kills panel the kill.
 */
class PrometheusAlertIT {
    private static final String ALERT = "MemoryDaemonKilledProcess";
    private static final long FIRING_WAIT_SECONDS = 120;

    private final RunAs user = RunAs.checkerUser();
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Dist.tempDir("md-prometheus");
    }

    @AfterEach
    void clean() {
        Dist.deleteTree(dir);
    }

    @Test
    void aRealKillFiresTheKillAlertInPrometheus() throws Exception {
        NodeExporter.assumeInstalled();
        Prometheus.assumeInstalled();
        Path textfiles = Files.createDirectory(dir.resolve("textfile"));
        user.own(textfiles);
        Path prom = textfiles.resolve("memory_daemon_" + user.user() + ".prom");
        Path rules = Files.copy(Path.of(System.getProperty("md.image", "target/image"),
                "share/memory-daemon/prometheus/memory-daemon.rules.yml"), dir.resolve("memory-daemon.rules.yml"));
        Path server = Files.createDirectory(dir.resolve("prometheus"));
        try (TempHome home = new TempHome(user);
             NodeExporter exporter = NodeExporter.start(textfiles, NodeExporter.reader());
             Prometheus prometheus = Prometheus.start(server, rules, exporter.target(), NodeExporter.reader())) {
            String metrics = "metrics_file " + prom + "\n";
            for (int i = 0; i < 2; i++) {
                home.writeConfig("threshold 99\nwarn_threshold 98\n" + metrics);
                Run.Result quiet = new ImageRun(user, home.home()).run("mem_daemon", "check");
                assertEquals(0, quiet.exitCode(), quiet.both());
            }
            String zero = "memory_daemon_actions_total{action=\"killed\",user=\"" + user.user() + "\"}";
            awaitQuery(prometheus, zero, "\"0\"]", 60);
            Thread.sleep(3000); // a few evaluations that see the counters at 0
            assertTrue(firing(prometheus).isEmpty(), "no kill yet:\n" + prometheus.get("/api/v1/alerts"));
            assertTrue(prometheus.get("/api/v1/rules").contains("\"name\":\"" + ALERT + "\""), "rules loaded");

            try (HostLock lock = HostLock.take()) {
                killAndAwaitTheAlert(home, prometheus, exporter.target(), metrics);
            }
        }
    }

    private void killAndAwaitTheAlert(TempHome home, Prometheus prometheus, String instance, String metrics)
            throws Exception {
        Path hogDir = Files.createDirectory(dir.resolve("hog"));
        Files.setPosixFilePermissions(hogDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        int mib = Memory.dominantHogMib();
        Process innocent = new ProcessBuilder(user.command(List.of("setsid", "sleep", "600"))).start();
        try (Hog hog = Hog.start(user, hogDir, mib, false)) {
            long hogKib = Memory.rssKib(hog.pid());
            Optional<Memory.Resident> largest = Memory.largestOtherThan(hog.pid());
            assertTrue(largest.isEmpty() || hogKib > largest.get().rssKib(),
                    "the hog (" + hogKib + " KiB) must be the largest process, not " + largest);
            // over the threshold by half the hog: the hog alone accounts for the excess, and its death ends it
            String threshold = String.format(Locale.ROOT, "%.3f",
                    Memory.usedPercent() - Memory.percentOfRam(hogKib) / 2);
            home.writeConfig("threshold " + threshold + "\nwarn_threshold " + warnThreshold(threshold) + "\ngrace 2\n"
                    + hog.onlyCandidate() + metrics);
            long killedAt = System.nanoTime();
            Run.Result over = new ImageRun(user, home.home()).run("mem_daemon", "check");

            assertEquals(0, over.exitCode(), over.both());
            assertTrue(hog.waitFor(10) >= 0, "the hog must be gone:\n" + home.readLog());
            assertTrue(home.readLog().contains(" action=killed pid=" + hog.pid()), home.readLog());
            String labels = "\"labels\":{\"alertname\":\"" + ALERT + "\",\"instance\":\"" + instance
                    + "\",\"job\":\"node\",\"severity\":\"warning\",\"user\":\"" + user.user() + "\"}";
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(FIRING_WAIT_SECONDS);
            Optional<String> alert = firing(prometheus);
            while (alert.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(250);
                alert = firing(prometheus);
            }
            double seconds = (System.nanoTime() - killedAt) / 1e9;
            assertTrue(alert.isPresent(), "not firing " + FIRING_WAIT_SECONDS + " s after the kill:\n"
                    + prometheus.get("/api/v1/alerts") + "\n" + prometheus.log());
            assertTrue(alert.get().contains(labels), alert.get());
            assertTrue(alert.get().contains("memory-daemon killed a process on " + instance + " (user " + user.user()
                    + ")"), alert.get());
            System.out.printf(Locale.ROOT, "PrometheusAlertIT: %s firing %.1f s after the check started (hog %d MiB)%n",
                    ALERT, seconds, mib);
            assertTrue(innocent.isAlive(), "a process of the same user outside the hog's session lives on");
            assertTheDashboardShowsIt(prometheus, instance);
        } finally {
            innocent.destroyForcibly();
            innocent.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Each query of the shipped dashboard (variables as "All") finds this host and user; the kills panel a kill. */
    private void assertTheDashboardShowsIt(Prometheus prometheus, String instance) throws Exception {
        for (GrafanaDashboard.Query q : GrafanaDashboardIT.queries()) {
            String answer = prometheus.query(q.promql());
            assertTrue(answer.contains("\"instance\":\"" + instance + "\"") && answer.contains("\"user\":\""
                    + user.user() + "\""), q + " → " + answer);
            if (q.expr().startsWith("memory_daemon:kills:increase10m{")) {
                assertFalse(answer.contains("\"0\"]"), q + " shows no kill: " + answer);
            }
        }
    }

    /** Half the threshold: warn_threshold must be below it, and a check over the threshold kills all the same. */
    private static String warnThreshold(String threshold) {
        return String.format(Locale.ROOT, "%.3f", Double.parseDouble(threshold) / 2);
    }

    /** The kill alert's entry in /api/v1/alerts when it is firing. */
    private static Optional<String> firing(Prometheus prometheus) throws Exception {
        for (String entry : prometheus.get("/api/v1/alerts").split("\\{\"labels\":")) {
            if (entry.startsWith("{\"alertname\":\"" + ALERT + "\"") && entry.contains("\"state\":\"firing\"")) {
                return Optional.of("\"labels\":" + entry);
            }
        }
        return Optional.empty();
    }

    private static void awaitQuery(Prometheus prometheus, String promql, String expected, long seconds)
            throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String answer = prometheus.query(promql);
        while (!answer.contains(expected) && System.nanoTime() < until) {
            Thread.sleep(250);
            answer = prometheus.query(promql);
        }
        assertTrue(answer.contains(expected), promql + " → " + answer + "\n" + prometheus.log());
    }
}
