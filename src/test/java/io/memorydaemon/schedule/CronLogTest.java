// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.RunAs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    void nothingIsCreatedInAnotherUsersHome() throws Exception {
        Root.assume("give a directory to another user");
        Path theirs = Files.createDirectories(home.resolve("theirs"));
        RunAs.lookup("nobody").own(theirs);

        CronLog.prepare(theirs.resolve(".config/mem_daemon/tmp.log"));

        assertFalse(Files.exists(theirs.resolve(".config")), "root must not leave root-owned files in a user's home");
    }
}
