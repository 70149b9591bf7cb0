// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memorydaemon.testing.ImageRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The unit md_wizard writes, checked by systemd's own parser: this machine has no systemd user instance to start it,
 * but {@code systemd-analyze verify} reads it as systemd would and names every line it would ignore.
 */
class SystemdUserUnitIT {

    @Test
    void systemdAcceptsEveryLineOfTheUnit() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is not installed");
        Path dir = Files.createTempDirectory("md-unit");
        Path unit = dir.resolve(SystemdUserUnit.NAME);
        try {
            Path launcher = new ImageRun(null, dir).launcher("mem_daemon");
            Files.writeString(unit, SystemdUserUnit.content(launcher), StandardCharsets.UTF_8);

            Process p = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertEquals(0, p.waitFor(), out);
            assertEquals("", out, "systemd ignored or refused a line");
        } finally {
            Files.deleteIfExists(unit);
            Files.delete(dir);
        }
    }
}
