// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.check.Checker;
import io.memorydaemon.system.RunLock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paths of a check that end before any process is looked at (the checker itself is tested as nobody). */
class CheckServiceTest {
    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CheckService service() {
        return new CheckService(new Environment(Map.of("HOME", home.toString()), new PrintWriter(out),
                new PrintWriter(err)));
    }

    private static CheckService.Request real() {
        return new CheckService.Request(Optional.empty(), Checker.Mode.REAL, true);
    }

    @Test
    void everyConfigProblemGoesToStderrAndTheExitCodeIsTwo() throws Exception {
        Path dir = Files.createDirectories(home.resolve(".config/mem_daemon"));
        Files.writeString(dir.resolve("md.conf"), "threshold 0\nport 25\n");

        assertEquals(ExitCode.USAGE, service().run(real()));

        assertEquals(4, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().lines().allMatch(l -> l.startsWith(dir.resolve("md.conf") + ":")), err.toString());
        assertEquals("", out.toString());
        assertFalse(Files.exists(dir.resolve("tmp.log")));
        assertFalse(Files.exists(dir.resolve("md.lock")));
    }

    @Test
    void aRunWhileTheLockIsHeldLogsSkippedAndExitsZero() throws Exception {
        Path dir = Files.createDirectories(home.resolve(".config/mem_daemon"));
        Files.writeString(dir.resolve("md.conf"), "threshold 1\navoid .\n");
        try (RunLock held = RunLock.tryAcquire(dir.resolve("md.lock")).orElseThrow()) {

            assertEquals(ExitCode.OK, service().run(real()));
        }

        String log = Files.readString(dir.resolve("tmp.log"));
        assertTrue(log.matches("time=\\S+ level=info action=skipped reason=locked lock=" + dir.resolve("md.lock")
                + "\n"), log);
        assertEquals(log, out.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aDryRunOrTestDecidesEvenWhileTheLockIsHeldAsItActsOnNothing() throws Exception {
        Path dir = Files.createDirectories(home.resolve(".config/mem_daemon"));
        Files.writeString(dir.resolve("md.conf"), "threshold 1\navoid .\n");
        try (RunLock held = RunLock.tryAcquire(dir.resolve("md.lock")).orElseThrow()) {
            for (Checker.Mode mode : List.of(Checker.Mode.DRY_RUN, Checker.Mode.TEST)) {

                assertEquals(ExitCode.OK, service().run(new CheckService.Request(Optional.empty(), mode, false)));
            }
        }

        String log = Files.readString(dir.resolve("tmp.log"));
        assertEquals(1, log.lines().filter(l -> l.contains(" dry_run=yes")).count(), "the dry run's decision:\n" + log);
        assertEquals(1, log.lines().filter(l -> l.contains(" test=yes")).count(), "the test's decision:\n" + log);
        assertFalse(log.contains("action=skipped"), log);
    }
}
