// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import io.memorydaemon.app.ConfigLoader;
import io.memorydaemon.app.ExitCode;
import io.memorydaemon.config.Config;
import io.memorydaemon.config.ConfigException;
import io.memorydaemon.install.Origin;
import io.memorydaemon.schedule.CronHealth;
import io.memorydaemon.schedule.CronLine;
import io.memorydaemon.schedule.CronLog;
import io.memorydaemon.schedule.Crontab;
import io.memorydaemon.schedule.CrontabText;
import io.memorydaemon.system.CronDaemon;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Menu entry 4. */
@Command(name = "cron", mixinStandardHelpOptions = true,
        header = "Add (or --remove) the crontab line that runs the check.",
        description = "Install the crontab line that runs 'mem_daemon check' every N minutes (absolute paths, output "
            + "appended to ~/.config/mem_daemon/tmp.log; XDG_CONFIG_HOME set in the line when it is not ~/.config), "
            + "replacing memory-daemon's own or the original tool's line and keeping every other line of your "
            + "crontab byte for byte. It warns when no cron daemon is running. Asked interactively, it also "
            + "offers the resident watcher (see 'md_wizard watch').")
public final class CronCommand implements Callable<Integer>, Unattended {

    @Option(names = "--every", paramLabel = "MINUTES", description = "Period in minutes, 1-59 (no questions asked).")
    Integer everyMinutes;

    @Option(names = "--remove", description = "Remove memory-daemon's crontab line.")
    boolean remove;

    private final WizardSession s;

    public CronCommand(WizardSession session) {
        this.s = session;
    }

    @Override
    public String unattended() {
        return "md_wizard cron --every MINUTES (or md_wizard cron --remove)";
    }

    @Override
    public Integer call() throws Exception {
        if (!s.crontab().available()) {
            s.err().println("md_wizard: " + Crontab.MISSING);
            return ExitCode.FAILURE;
        }
        CrontabText text = s.crontab().read();
        if (remove) {
            s.crontab().write(text.withoutCheck());
            s.out().println(text.checkLine().map(l -> "Removed the crontab line: " + l)
                    .orElse("There was no memory-daemon crontab line."));
            return ExitCode.OK;
        }
        if (everyMinutes != null && (everyMinutes < 1 || everyMinutes > 59)) {
            s.err().println("md_wizard: --every " + everyMinutes + " is out of range; give 1 to 59 minutes");
            return ExitCode.USAGE;
        }
        Config config;
        try {
            config = ConfigLoader.loadChecked(s.env(), Optional.empty());
        } catch (ConfigException e) {
            e.problems().forEach(s.err()::println);
            s.out().println("Fix md.conf before scheduling it: " + s.step(Menu.Entry.EDIT) + ".");
            return ExitCode.USAGE;
        }
        Optional<Path> launcher = s.launcher();
        if (launcher.isEmpty()) {
            s.err().println("md_wizard: no mem_daemon launcher found; run md_wizard from an installed or built image");
            return ExitCode.FAILURE;
        }
        int current = text.checkLine().or(() -> text.legacyLines().stream().findFirst())
                .flatMap(CronLine::periodMinutes).orElse(CronLine.DEFAULT_PERIOD_MINUTES);
        int period = everyMinutes != null ? everyMinutes
                : s.prompt().number("Check the RAM every how many minutes?", 1, 59, Math.min(59, current));
        Path log = s.paths().defaultLogFile();
        String line = CronLine.check(launcher.get(), log, period, s.configHome());
        CronLog.prepare(log);
        s.crontab().write(text.withCheck(line).withoutLegacy());
        CronLog.noteInstalled(config.logFile(), period, s.err());
        s.out().println("Installed this crontab line (crontab -l shows it):");
        s.out().println("  " + line);
        s.configHome().ifPresent(h -> s.out().println("It sets XDG_CONFIG_HOME=" + h + ", as you have it, so that cron's"
                + " check reads " + s.paths().configFile() + "."));
        if (s.origin().kind(s.layout()) == Origin.Kind.BUILD && !launcher.get().equals(s.layout().link("mem_daemon"))) {
            s.out().println("Note: this line runs the build in " + s.origin().home().orElseThrow() + "; install it first,"
                    + " so that cron runs a copy that a rebuild or 'mvn clean' cannot break: " + s.step(Menu.Entry.INSTALL)
                    + ", then this again.");
        }
        CronHealth.daemon(CronDaemon.system().find()).forEach(w -> s.out().println("Warning: " + w + "."));
        s.out().println("Every run appends one line to " + config.logFile() + "; md_wizard status shows the last.");
        if (everyMinutes == null && s.prompt().yesNo("Also run the resident watcher, which reacts within a second"
                + " instead of every " + period + " min?", false)) {
            return new WatcherSetupCommand(s).call();
        }
        s.out().println("Done. " + s.step(Menu.Entry.UNINSTALL) + " takes it all away again.");
        return ExitCode.OK;
    }
}
