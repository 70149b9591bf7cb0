// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mem_daemon watch --check-config}: md.conf checked as the watcher reads it, in-process; nothing watched. */
class CheckConfigTest {
    @TempDir
    Path home;

    private InProcess md;

    private int run(String... args) {
        md = md == null ? new InProcess(home) : md;
        return md.run(args);
    }

    @Test
    void aValidFileIsSaidValidWithExitZero() throws Exception {
        Path conf = Files.writeString(home.resolve("md.conf"), "threshold 85.5\ngrace 3\navoid ^sshd$\n");

        assertEquals(0, run("watch", "--check-config", "--config", conf.toString()), md.err());

        assertEquals(conf + ": valid" + System.lineSeparator(), md.out());
        assertEquals("", md.err());
    }

    @Test
    void eachProblemIsALineWithExitTwo() throws Exception {
        Path conf = Files.writeString(home.resolve("md.conf"), "threshold 120\ngrace 3\nfrobnicate yes\n");

        assertEquals(2, run("watch", "--check-config", "--config", conf.toString()));

        assertEquals("", md.out());
        String[] lines = md.err().split(System.lineSeparator());
        assertEquals(2, lines.length, md.err());
        assertTrue(lines[0].startsWith(conf + ":1: "), lines[0]);
        assertTrue(lines[1].startsWith(conf + ":3: "), lines[1]);
    }

    @Test
    void withoutConfigItChecksTheUsersOwnMdConf() {
        assertEquals(2, run("watch", "--check-config"));

        assertTrue(md.err().startsWith(home.resolve(".config/mem_daemon/md.conf") + ": not found"),
                md.err());
    }

    @Test
    void theSystemWatchersFileMustBeRootsAlone() throws Exception {
        // a file others may write decides nothing for the system watcher, whoever runs the check
        Path conf = Files.writeString(home.resolve("md.conf"), "threshold 90\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-rw-rw-"));

        assertEquals(2, run("watch", "--system", "--check-config", "--config", conf.toString()));

        assertTrue(md.err().contains("the system watcher reads only an md.conf root alone can change"),
                md.err());
    }
}
