// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.app.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mem_daemon watch --check-config}: md.conf checked as the watcher reads it, in-process; nothing watched. */
class CheckConfigTest {
    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        Environment env = new Environment(Map.of("HOME", home.toString()), new PrintWriter(out), new PrintWriter(err));
        return MemDaemon.run(env, args);
    }

    @Test
    void aValidFileIsSaidValidWithExitZero() throws Exception {
        Path conf = Files.writeString(home.resolve("md.conf"), "threshold 85.5\ngrace 3\navoid ^sshd$\n");

        assertEquals(0, run("watch", "--check-config", "--config", conf.toString()), err.toString());

        assertEquals(conf + ": valid" + System.lineSeparator(), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void eachProblemIsALineWithExitTwo() throws Exception {
        Path conf = Files.writeString(home.resolve("md.conf"), "threshold 120\ngrace 3\nfrobnicate yes\n");

        assertEquals(2, run("watch", "--check-config", "--config", conf.toString()));

        assertEquals("", out.toString());
        String[] lines = err.toString().split(System.lineSeparator());
        assertEquals(2, lines.length, err.toString());
        assertTrue(lines[0].startsWith(conf + ":1: "), lines[0]);
        assertTrue(lines[1].startsWith(conf + ":3: "), lines[1]);
    }

    @Test
    void withoutConfigItChecksTheUsersOwnMdConf() {
        assertEquals(2, run("watch", "--check-config"));

        assertTrue(err.toString().startsWith(home.resolve(".config/mem_daemon/md.conf") + ": not found"),
                err.toString());
    }

    @Test
    void theSystemWatchersFileMustBeRootsAlone() throws Exception {
        // a file others may write decides nothing for the system watcher, whoever runs the check
        Path conf = Files.writeString(home.resolve("md.conf"), "threshold 90\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-rw-rw-"));

        assertEquals(2, run("watch", "--system", "--check-config", "--config", conf.toString()));

        assertTrue(err.toString().contains("the system watcher reads only an md.conf root alone can change"),
                err.toString());
    }
}
