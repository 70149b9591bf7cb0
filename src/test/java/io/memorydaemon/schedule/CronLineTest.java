// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.config.AppPaths;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Status reads the launcher and the config home back out of the lines the wizard wrote, to warn when they drifted. */
class CronLineTest {
    private static final Path LOG = Path.of("/home/al/.config/mem_daemon/tmp.log");
    private static final Path HOME = Path.of("/home/al");

    @Test
    void theLauncherOfEachOwnedLineIsReadBackAsWritten() {
        for (Path launcher : new Path[] {Path.of("/home/al/.local/bin/mem_daemon"), Path.of("/home/a l/50%/it's/mem_daemon")}) {
            for (Optional<Path> configHome : java.util.List.of(Optional.<Path>empty(), Optional.of(Path.of("/srv/al conf")),
                    Optional.of(Path.of("/home/al/it's 100%")))) {
                assertEquals(Optional.of(launcher), CronLine.launcher(CronLine.check(launcher, LOG, 5, configHome)));
                assertEquals(Optional.of(launcher), CronLine.launcher(CronLine.check(launcher, LOG, 1, configHome)));
                assertEquals(Optional.of(launcher), CronLine.launcher(CronLine.watch(launcher, LOG, configHome)));
                assertEquals(configHome, CronLine.configHome(CronLine.check(launcher, LOG, 5, configHome)));
                assertEquals(configHome, CronLine.configHome(CronLine.watch(launcher, LOG, configHome)));
            }
        }
    }

    @Test
    void onlyAConfigHomeCronWouldNotFindItselfIsCarried() {
        assertEquals(Optional.empty(), CronLine.configHomeFor(AppPaths.fromEnvironment(Map.of("HOME", "/home/al")), HOME));
        assertEquals(Optional.empty(), CronLine.configHomeFor(AppPaths.fromEnvironment(
                Map.of("HOME", "/home/al", "XDG_CONFIG_HOME", "/home/al/.config")), HOME), "the default spelled out");
        assertEquals(Optional.of(Path.of("/srv/al")), CronLine.configHomeFor(AppPaths.fromEnvironment(
                Map.of("HOME", "/home/al", "XDG_CONFIG_HOME", "/srv/al")), HOME));
    }

    @Test
    void aNonDefaultConfigHomeIsSetBeforeTheLauncherAndTheDefaultLineKeepsTheOriginalShape() {
        Path launcher = Path.of("/home/al/.local/bin/mem_daemon");
        assertEquals("*/5 * * * * XDG_CONFIG_HOME=/srv/al " + launcher + " check >> /srv/al/mem_daemon/tmp.log 2>&1"
                + " # memory-daemon", CronLine.check(launcher, Path.of("/srv/al/mem_daemon/tmp.log"), 5,
                        Optional.of(Path.of("/srv/al"))));
        assertEquals("@reboot XDG_CONFIG_HOME='/srv/a l' " + launcher + " watch >> /l 2>&1 # memory-daemon watch",
                CronLine.watch(launcher, Path.of("/l"), Optional.of(Path.of("/srv/a l"))));
        assertEquals(CronLine.check(launcher, LOG, 5), CronLine.check(launcher, LOG, 5, Optional.empty()));
        assertTrue(CronLine.check(launcher, LOG, 5).startsWith("*/5 * * * * " + launcher + " check >> "));
    }

    @Test
    void aLineOfAnEarlierVersionHasNoConfigHomeAndItsLauncherIsStillRead() {
        String older = "*/5 * * * * /home/al/.local/bin/mem_daemon check >> /home/al/.config/mem_daemon/tmp.log 2>&1"
                + " # memory-daemon";
        assertEquals(Optional.empty(), CronLine.configHome(older));
        assertEquals(Optional.of(Path.of("/home/al/.local/bin/mem_daemon")), CronLine.launcher(older));
    }
}
