// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.RunAs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CronLogTest {
    @TempDir
    Path home;

    @Test
    void theLogCronAppendsToIsCreatedPrivateBeforeTheShellCould() throws Exception {
        Path log = home.resolve(".config/mem_daemon/tmp.log");

        CronLog.prepare(log);

        // the test JVM's umask is 022: a file the shell's redirect created would be rw-r--r--
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log.getParent())));
        Files.writeString(log, "kept\n");
        CronLog.prepare(log);
        assertEquals("kept\n", Files.readString(log), "an existing log is appended to, never emptied");
    }

    @Test
    void theLastRunIsTheNewestDecisionOrInstallationNoteNotATestNorTheWatchersOwnLines() throws Exception {
        Path log = home.resolve("tmp.log");
        Files.writeString(log, """
                time=2026-12-03T10:00:00+00:00 level=info used=41.0% threshold=90% action=ok
                time=2026-12-03T11:05:00+01:00 level=info action=skipped reason=locked lock=/l
                time=2026-12-03T10:06:00+00:00 level=info used=41.0% threshold=0% action=would-kill pid=4 cmd="x action=ok"
                time=2026-12-03T10:07:00+00:00 level=info watch=started interval=1000ms threshold=90% lock=/l
                /home/u/.config/mem_daemon/md.conf:3: unknown key 'x'
                """);
        assertEquals(Optional.of(Instant.parse("2026-12-03T10:05:00Z")), CronLog.lastRunLine(log),
                "a check skipped for the watcher's lock ran; a test's would-kill and the watcher's start are not cron's");

        CronLog.noteInstalled(log, 5, new PrintWriter(new StringWriter()));
        String note = Files.readString(log).lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(note.matches("time=\\S+ level=info cron=installed every=5m"), note);
        Instant noted = CronLog.lastRunLine(log).orElseThrow();
        assertTrue(Duration.between(noted, Instant.now()).abs().toMinutes() < 5, noted.toString());
    }

    @Test
    void aLogWithoutSuchALineCountsFromItsModificationAndNoLogFromNothing() throws Exception {
        Path quiet = home.resolve("quiet.log");
        Files.writeString(quiet, "time=2026-12-03T10:07:00+00:00 level=info watch=started\n");
        Files.setLastModifiedTime(quiet, FileTime.from(Instant.parse("2026-12-01T00:00:00Z")));
        Path busy = home.resolve("busy.log");
        Files.writeString(busy, "time=2026-12-02T00:00:00+00:00 level=info used=1% threshold=90% action=ok\n");

        assertEquals(Optional.of(Instant.parse("2026-12-02T00:00:00Z")), CronLog.lastRun(List.of(quiet, busy)));
        assertEquals(Optional.of(Instant.parse("2026-12-01T00:00:00Z")), CronLog.lastRun(List.of(quiet)));
        assertEquals(Optional.empty(), CronLog.lastRun(List.of(home.resolve("missing.log"))));
    }

    @Test
    void nothingIsCreatedInAnotherUsersHome() throws Exception {
        Root.assume("give a directory to another user");
        Path theirs = Files.createDirectories(home.resolve("theirs"));
        RunAs.lookup("nobody").own(theirs);

        CronLog.prepare(theirs.resolve(".config/mem_daemon/tmp.log"));

        assertFalse(Files.exists(theirs.resolve(".config")), "root must not leave root-owned files in a user's home");
    }
}
