// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdUserUnitTest {

    @Test
    void theUnitRunsTheWatcherByAbsolutePathAndStartsWithTheUsersSession() {
        String unit = SystemdUserUnit.content(Path.of("/home/u/.local/bin/mem_daemon"));
        assertTrue(unit.contains("\n[Service]\nType=simple\nExecStart=/home/u/.local/bin/mem_daemon watch\n"), unit);
        assertTrue(unit.contains("Restart=on-failure\n"), unit);
        assertTrue(unit.contains("SuccessExitStatus=143\n"), unit);
        assertTrue(unit.contains("\n[Install]\nWantedBy=default.target\n"), unit);
        assertTrue(unit.startsWith("# Written by md_wizard"), unit);
    }

    @Test
    void pathsWithSpacesAndPercentAreQuotedForSystemd() {
        assertEquals("\"/home/a b/100%%/mem_daemon\"", SystemdUserUnit.systemdWord("/home/a b/100%/mem_daemon"));
        assertEquals("/opt/x/mem_daemon", SystemdUserUnit.systemdWord("/opt/x/mem_daemon"));
    }

    @Test
    void aNonDefaultConfigHomeIsSetForTheWatcherAndTheLauncherIsStillReadBack(@TempDir Path configHome)
            throws Exception {
        Path launcher = Path.of("/home/u/.local/bin/mem_daemon");
        String unit = SystemdUserUnit.content(launcher, Optional.of(Path.of("/home/u/my conf")));
        assertTrue(unit.contains("\nEnvironment=\"XDG_CONFIG_HOME=/home/u/my conf\"\nExecStart=" + launcher + " watch\n"),
                unit);
        assertFalse(SystemdUserUnit.content(launcher).contains("Environment="), "the default keeps its shape");
        SystemdUserUnit read = new SystemdUserUnit(configHome, Map.of());
        Files.createDirectories(read.file().getParent());
        Files.writeString(read.file(), unit);
        assertEquals(Optional.of(launcher), read.launcher());
    }

    @Test
    void theUnitFileIsUnderTheUsersConfigHome() {
        SystemdUserUnit unit = new SystemdUserUnit(Path.of("/home/u/.config"), Map.of());
        assertEquals(Path.of("/home/u/.config/systemd/user/memory-daemon.service"), unit.file());
    }
}
