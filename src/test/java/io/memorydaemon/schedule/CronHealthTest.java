// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.system.CronDaemon;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CronHealthTest {
    private static final CronDaemon.Finding RUNNING = new CronDaemon.Finding(CronDaemon.State.RUNNING, "cron (pid 612)");
    private static final CronDaemon.Finding NONE = new CronDaemon.Finding(CronDaemon.State.NOT_RUNNING,
            "no cron, crond or fcron process in /proc");
    private static final CronDaemon.Finding HIDDEN = new CronDaemon.Finding(CronDaemon.State.UNKNOWN,
            "/proc hides other users' processes (hidepid) and there is no /run/crond.pid");
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void aRunningDaemonAndARecentRunSayNothing() {
        assertEquals(List.of(), CronHealth.warnings(RUNNING, Optional.of(NOW.minus(Duration.ofMinutes(11))), 5, NOW),
                "two periods and the minute cron may start late");
        assertEquals(List.of(), CronHealth.daemon(RUNNING));
    }

    @Test
    void noDaemonSaysSoAndHowToStartOneAndNotAlsoThatTheLogIsSilent() {
        List<String> w = CronHealth.warnings(NONE, Optional.of(NOW.minus(Duration.ofHours(5))), 5, NOW);
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("no cron daemon is running (no cron, crond or fcron process in /proc), so the"
                + " line never runs; an admin starts one: 'sudo systemctl enable --now cron'"), w.get(0));
    }

    @Test
    void noRunForMoreThanTwoPeriodsIsReportedWithTheLastOne() {
        List<String> w = CronHealth.warnings(RUNNING, Optional.of(NOW.minus(Duration.ofMinutes(12))), 5, NOW);
        assertEquals(List.of("the log shows no check since 2026-12-03T11:48:00Z (12 min ago, more than two periods of 5"
                + " min): cron is not running the line; may you use cron (/etc/cron.allow, /etc/cron.deny)? cron's own"
                + " log says why (journalctl -u cron, or /var/log/syslog)"), w);
        assertEquals(1, CronHealth.warnings(RUNNING, Optional.of(NOW.minus(Duration.ofMinutes(4))), 1, NOW).size());
    }

    @Test
    void whenTheDaemonIsHiddenTheLogDecides() {
        assertEquals(1, CronHealth.warnings(HIDDEN, Optional.of(NOW.minusSeconds(60)), 5, NOW).size(),
                "only that it cannot tell");
        List<String> w = CronHealth.warnings(HIDDEN, Optional.of(NOW.minus(Duration.ofMinutes(30))), 5, NOW);
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(1).startsWith("the log shows no check since"), w.toString());
        assertEquals(1, CronHealth.warnings(HIDDEN, Optional.empty(), 5, NOW).size(), "no log: nothing to go by");
    }
}
