// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Status reads the launcher back out of the lines the wizard wrote, to warn when it is gone. */
class CronLineTest {
    private static final Path LOG = Path.of("/home/al/.config/mem_daemon/tmp.log");

    @Test
    void theLauncherOfEachOwnedLineIsReadBackAsWritten() {
        for (Path launcher : new Path[] {Path.of("/home/al/.local/bin/mem_daemon"), Path.of("/home/a l/50%/it's/mem_daemon")}) {
            assertEquals(Optional.of(launcher), CronLine.launcher(CronLine.check(launcher, LOG, 5)));
            assertEquals(Optional.of(launcher), CronLine.launcher(CronLine.check(launcher, LOG, 1)));
            assertEquals(Optional.of(launcher), CronLine.launcher(CronLine.watch(launcher, LOG)));
        }
    }
}
