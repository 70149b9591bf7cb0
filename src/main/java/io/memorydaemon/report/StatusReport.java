// SPDX-License-Identifier: MIT
package io.memorydaemon.report;

import io.memorydaemon.app.ConfigLoader;
import io.memorydaemon.app.Environment;
import io.memorydaemon.app.CheckService;
import io.memorydaemon.check.Checker;
import io.memorydaemon.check.Choice;
import io.memorydaemon.check.ChoiceText;
import io.memorydaemon.check.JobReport;
import io.memorydaemon.check.MemoryStatus;
import io.memorydaemon.check.Trigger;
import io.memorydaemon.check.Units;
import io.memorydaemon.check.UntrustedText;
import io.memorydaemon.config.Config;
import io.memorydaemon.config.ConfigException;
import io.memorydaemon.install.Layout;
import io.memorydaemon.install.Origin;
import io.memorydaemon.notify.Outbox;
import io.memorydaemon.schedule.CronLine;
import io.memorydaemon.schedule.Crontab;
import io.memorydaemon.schedule.SystemdUserUnit;
import io.memorydaemon.system.FileWarnLedger;
import io.memorydaemon.system.MemInfoGauge;
import io.memorydaemon.system.ProcProcessTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code md_wizard status}: everything a user asks about the setup, read-only, one line per fact. It reports and
 * changes nothing, so it sits apart from install/.
 */
public final class StatusReport {
    private static final int LOG_LINES = 5;

    private final Environment env;
    private final Layout layout;
    private final Origin origin;
    private final Crontab crontab;
    private final SystemdUserUnit unit;

    public StatusReport(Environment env, Layout layout, Origin origin, Crontab crontab, SystemdUserUnit unit) {
        this.env = env;
        this.layout = layout;
        this.origin = origin;
        this.crontab = crontab;
        this.unit = unit;
    }

    /** The report's lines, and whether md.conf is there and valid (the status command's exit code). */
    public record Report(List<String> lines, boolean configValid) { }

    public Report report(String version) {
        List<String> out = new ArrayList<>();
        out.add("version:   memory-daemon " + version + " (" + origin.home().map(Path::toString).orElse("not run from an image")
                + ", " + origin.kind(layout).name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
        Path file = layout.paths().configFile();
        Optional<Config> config = Optional.empty();
        try {
            config = Optional.of(ConfigLoader.loadChecked(env, Optional.empty()));
            out.add("config:    " + file + " (valid" + (config.get().mail().isEmpty() ? ", mail off" : ", mail on") + ")");
            config.get().warnings().forEach(w -> out.add("           warning: " + w));
        } catch (ConfigException e) {
            if (Files.exists(file)) {
                out.add("config:    " + file + " (NOT valid; 'md_wizard edit' fixes it)");
                e.problems().forEach(p -> out.add("           " + p));
            } else {
                out.add("config:    " + file + " (missing; 'md_wizard install' creates it)");
            }
        }
        memory(out, config);
        config.flatMap(Config::warnThresholdPercent).ifPresent(w -> out.add("warn:      " + Units.threshold(w)
                + "% (warn_threshold: one early warning before the kill)" + pendingEarly(w)));
        Path log = config.map(Config::logFile).orElse(layout.paths().defaultLogFile());
        new ScheduleStatus(layout, crontab, unit, env.variables()).report(out, installedVersion(),
                List.of(layout.paths().defaultLogFile(), log).stream().distinct().toList(),
                CronLine.configHomeFor(layout.paths(), layout.home()));
        out.add("log:       " + log + lastLines(log));
        Outbox outbox = new Outbox(layout.paths().outboxDir());
        int waiting = outbox.list().size();
        out.add("outbox:    " + waiting + (waiting == 1 ? " mail" : " mails") + " waiting in " + outbox.dir());
        int failed = outbox.failedCount();
        if (failed > 0) {
            out.add("           " + failed + (failed == 1 ? " mail" : " mails") + " refused for good or kept too long, in "
                    + outbox.failedDir() + " (read them, then delete them)");
        }
        return new Report(out, config.isPresent());
    }

    /** Memory now, and what a real run over the threshold would do: the run's own choice, touching nothing. */
    private void memory(List<String> out, Optional<Config> config) {
        try {
            MemoryStatus m = MemInfoGauge.system().read();
            out.add("memory:    " + Units.percent(m.usedPercent()) + " used of " + Units.bytes(m.totalBytes())
                    + config.map(c -> ", threshold " + Units.threshold(c.thresholdPercent()) + "%"
                            + (Trigger.of(c).memoryOver(m) ? " (OVER)" : "")).orElse(""));
            Config rules = config.orElseGet(() -> Config.defaults(layout.paths().configFile()));
            ProcProcessTable table = ProcProcessTable.system();
            Choice choice = CheckService.checker(rules, Checker.Mode.DRY_RUN, env).choose(table, table.snapshot(), m);
            if (choice.job().isEmpty()) {
                out.add("dominant:  none visible");
                return;
            }
            JobReport job = JobReport.describe(table, choice.job().get());
            out.add("dominant:  " + ChoiceText.who(job) + " of " + UntrustedText.escape(job.user()));
            ChoiceText.members(job).forEach(l -> out.add("             " + l));
            out.add("           " + ChoiceText.would(choice.verdict(), job, table.currentUid(), choice.picture()));
            if (table.othersHidden()) {
                out.add("hidden:    other users' processes are hidden from you (/proc is mounted with hidepid): a real"
                        + " run kills your job only when it alone holds the whole excess over the threshold");
            }
        } catch (IOException | RuntimeException e) {
            out.add("memory:    cannot read (" + e.getMessage() + ")");
        }
    }

    /** Whether an early warning went out in the current rise: it is not repeated until used RAM falls a point
     * below it. */
    private String pendingEarly(double warn) {
        return new FileWarnLedger(layout.paths().warnStateFile(), problem -> { }).lastEarly()
                .map(t -> "; one went out at " + t.atZone(java.time.ZoneId.systemDefault()).toLocalTime().withNano(0)
                        + ", none again until used RAM falls below " + Units.threshold(Trigger.rearmPercent(warn)) + "%")
                .orElse("; none pending");
    }

    /** The version the watcher should run: the user install's when there is one, else the running image's. */
    private String installedVersion() {
        Path file = layout.current().resolve("VERSION");
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : origin.version();
        } catch (IOException e) {
            return origin.version();
        }
    }

    private static String lastLines(Path log) {
        if (!Files.isRegularFile(log)) {
            return " (empty: nothing has run yet)";
        }
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = all.subList(Math.max(0, all.size() - LOG_LINES), all.size());
            return tail.isEmpty() ? " (empty)" : ", last lines:\n           " + String.join("\n           ", tail);
        } catch (IOException e) {
            return " (cannot read: " + e.getMessage() + ")";
        }
    }
}
