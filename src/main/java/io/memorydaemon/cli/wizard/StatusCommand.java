// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import io.memorydaemon.app.ExitCode;
import io.memorydaemon.cli.VersionProvider;
import io.memorydaemon.report.StatusReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code md_wizard status}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        header = "Version, md.conf, RAM, dominant process, cron, log, outbox.",
        description = "Show at a glance: version and where it runs from, md.conf and whether it is valid, used RAM "
            + "against the threshold, the dominant process now, the crontab line and its period, the watcher as "
            + "installed and as running (pid, since, version, whether it survives logout and reboot), warnings for a "
            + "launcher that is gone, an older version, a line for another md.conf, no cron daemon or no check in the "
            + "log for two periods, "
            + "the last lines of the log and the mails waiting in the outbox.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:shown; md.conf is valid",
            "2:shown; md.conf is missing ('md_wizard install' creates it) or not valid"})
public final class StatusCommand implements Callable<Integer> {
    private final WizardSession s;

    public StatusCommand(WizardSession session) {
        this.s = session;
    }

    @Override
    public Integer call() {
        StatusReport.Report report = new StatusReport(s.env(), s.layout(), s.origin(), s.crontab(), s.unit())
                .report(VersionProvider.version());
        report.lines().forEach(s.out()::println);
        return report.configValid() ? ExitCode.OK : ExitCode.USAGE;
    }
}
