// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import io.memorydaemon.system.CronDaemon;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the check line can run, and did: a crontab line does nothing without a cron daemon, and cron may still not
 * run it (cron.allow, a launcher that is gone). Said by {@code md_wizard cron} after it installs the line and by
 * {@code md_wizard status}; each warning is one line with what to do.
 */
public final class CronHealth {
    /** cron starts a run on the minute; a check logs its decision within seconds. */
    private static final Duration SLACK = Duration.ofMinutes(1);

    private CronHealth() { }

    /** What to say about the cron daemon: nothing when one runs. */
    public static List<String> daemon(CronDaemon.Finding finding) {
        return switch (finding.state()) {
            case RUNNING -> List.of();
            case NOT_RUNNING -> List.of("no cron daemon is running (" + finding.evidence() + "), so the line never runs;"
                    + " an admin starts one: 'sudo systemctl enable --now cron' (Fedora/RHEL: crond), or without"
                    + " systemd 'sudo service cron start'");
            case UNKNOWN -> List.of("cannot tell whether a cron daemon is running: " + finding.evidence()
                    + "; md_wizard status tells from the log once the line had time to run");
        };
    }

    /**
     * The daemon's warning, and whether the log shows a run within the last two periods (plus a minute): checked only
     * when a daemon is not known to be missing, which already says why nothing runs.
     */
    public static List<String> warnings(CronDaemon.Finding finding, Optional<Instant> lastRun, int periodMinutes,
                                        Instant now) {
        List<String> out = new ArrayList<>(daemon(finding));
        if (finding.state() == CronDaemon.State.NOT_RUNNING || lastRun.isEmpty()) {
            return out;
        }
        Duration since = Duration.between(lastRun.get(), now);
        if (since.compareTo(Duration.ofMinutes(2L * periodMinutes).plus(SLACK)) > 0) {
            out.add("the log shows no check since " + lastRun.get().truncatedTo(ChronoUnit.SECONDS) + " ("
                    + since.toMinutes() + " min ago, more than two periods of " + periodMinutes + " min): cron is not running"
                    + " the line; may you use cron (/etc/cron.allow, /etc/cron.deny)? cron's own log says why"
                    + " (journalctl -u cron, or /var/log/syslog)");
        }
        return out;
    }
}
