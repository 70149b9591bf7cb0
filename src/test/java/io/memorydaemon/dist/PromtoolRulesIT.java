// SPDX-License-Identifier: MIT
package io.memorydaemon.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memorydaemon.testing.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped Prometheus rules, checked and unit-tested by Debian's {@code promtool} (package {@code prometheus}):
 * {@code promtool check rules}, then {@code promtool test rules} on packaging/prometheus/tests, where every alert
 * must be seen firing at some instant and silent at another.
 */
class PromtoolRulesIT {
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    static final Path RULES = Dist.PROJECT.resolve("packaging/prometheus/memory-daemon.rules.yml");
    private static final Path TESTS = Dist.PROJECT.resolve("packaging/prometheus/tests");
    private static final Pattern ALERT = Pattern.compile("(?m)^\\s*- alert: (\\w+)$");
    private static final Pattern ALERTNAME = Pattern.compile("(?m)^\\s*alertname: (\\w+)$");

    /** Skips the calling test when promtool is not installed (.ci/run installs it). */
    static void assumePromtool() {
        assumeTrue(Files.isExecutable(PROMTOOL), PROMTOOL + " is missing; install Debian's prometheus"
                + " (apt-get install prometheus, as .ci/run does)");
    }

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
        assumePromtool();
        Run.Result check = Run.of(PROMTOOL.toString(), "check", "rules", RULES.toString()).go();
        assertEquals(0, check.exitCode(), check.both());
        assertTrue(check.both().contains("SUCCESS: " + (alerts().size() + recordings()) + " rules found"),
                check.both());

        // each test file names the rules relative to itself
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString(), "test", "rules"));
        testFiles().forEach(f -> command.add(f.toString()));
        Run.Result tests = Run.of(command).go();
        assertEquals(0, tests.exitCode(), tests.both());
        assertEquals(testFiles().size(), count(tests.both(), "  SUCCESS"), tests.both());
        assertFalse(tests.both().contains("FAILED"), tests.both());
    }

    @Test
    void everyAlertIsTestedFiringAndSilent() throws Exception {
        Set<String> firing = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (Path f : testFiles()) {
            // one case per "- eval_time:" item: firing when it expects alerts
            for (String testCase : Files.readString(f).split("(?m)^\\s*- eval_time:")) {
                Matcher m = ALERTNAME.matcher(testCase);
                if (m.find()) {
                    (testCase.contains("exp_alerts:") ? firing : silent).add(m.group(1));
                }
            }
        }
        Set<String> alerts = alerts();
        assertEquals(9, alerts.size(), alerts.toString());
        assertEquals(alerts, firing, "every alert seen firing in packaging/prometheus/tests");
        assertEquals(alerts, silent, "every alert seen silent in packaging/prometheus/tests");
    }

    @Test
    void theImageAndTheDebCarryTheRulesTheirTestsAndTheDashboard() throws Exception {
        Path shipped = Path.of(System.getProperty("md.image", "target/image"), "share/memory-daemon/prometheus");
        assertEquals(Files.readString(RULES), Files.readString(shipped.resolve(RULES.getFileName())));
        assertEquals(Files.readString(GrafanaDashboard.FILE),
                Files.readString(shipped.resolve(GrafanaDashboard.FILE.getFileName())));
        for (Path test : testFiles()) {
            assertEquals(Files.readString(test),
                    Files.readString(shipped.resolve("tests").resolve(test.getFileName())));
        }
        assumeTrue(PackagesIT.onPath("dpkg-deb"), "no dpkg-deb on this machine");
        PackagesIT.ensureBuilt(PackagesIT.DEB, "deb");
        String listing = Run.of("dpkg-deb", "-c", PackagesIT.DEB.toString()).ok().stdout();
        assertTrue(listing.contains(" ./opt/memory-daemon/share/memory-daemon/prometheus/memory-daemon.rules.yml\n"),
                listing);
        assertTrue(listing.contains(" ./opt/memory-daemon/share/memory-daemon/prometheus/tests/kills.yml\n"), listing);
        String shippedDir = " ./opt/memory-daemon/share/memory-daemon/prometheus/";
        assertTrue(listing.contains(shippedDir + GrafanaDashboard.FILE.getFileName() + "\n"), listing);
    }

    static Set<String> alerts() throws Exception {
        Set<String> names = new TreeSet<>();
        Matcher m = ALERT.matcher(Files.readString(RULES));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static int recordings() throws Exception {
        return count(Files.readString(RULES), "- record: ");
    }

    private static List<Path> testFiles() throws Exception {
        try (Stream<Path> files = Files.list(TESTS)) {
            return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
