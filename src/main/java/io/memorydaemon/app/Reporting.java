// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import io.memorydaemon.check.Mailer;
import io.memorydaemon.config.Config;
import io.memorydaemon.config.ConfigException;
import io.memorydaemon.config.FileChecks;
import io.memorydaemon.system.EventLog;
import io.memorydaemon.system.StandardStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a run reports, and what of the reporting md.conf got wrong: a wrong or unusable report setting (mail,
 * metrics, the log, owner mail) costs that feature alone. The run says so (stderr, which cron mails, and the log
 * when the log works), decides and kills as ever, and exits 1; a watcher says it once, at start and on each change.
 */
final class Reporting {
    private final EventLog log;
    private final List<String> problems;

    private Reporting(EventLog log, List<String> problems) {
        this.log = log;
        this.problems = problems;
    }

    static Reporting of(Config config, Environment env) {
        List<String> problems = new ArrayList<>(config.problems());
        if (env.systemWatcher()) {
            // the system watcher's log is the journal: systemd reads stdout, a priority prefix on each line
            return new Reporting(EventLog.journal(env.out()), problems);
        }
        Optional<String> logProblem = config.lines().containsKey("log_file")
                ? FileChecks.logFile(config.logFile(), FileChecks.realUid()) : Optional.empty();
        if (logProblem.isPresent()) {
            problems.add(config.where("log_file") + logProblem.get() + " (this run logs to stderr only)");
            return new Reporting(EventLog.console(env.err()), problems);
        }
        return new Reporting(new EventLog(config.logFile(), env.out(), env.err(),
                !StandardStreams.isFile(StandardStreams.STDOUT, config.logFile())), problems);
    }

    EventLog log() {
        return log;
    }

    /** Each problem of a report setting, as an error line: said once per run, or per watcher start and change. */
    void sayProblems(EventLog to) {
        for (String p : problems) {
            to.error("memory-daemon: " + p);
        }
        if (!problems.isEmpty()) {
            to.error("memory-daemon: md.conf's settings above only report on the protection; this run goes on without"
                    + " them (a notice is kept in the outbox if mail is set): fix them with 'md_wizard edit'");
        }
    }

    /** 0 when the run did all it should; 1 when it went on without a report setting it could not use. */
    int exitCode(boolean ok) {
        return ok && problems.isEmpty() ? ExitCode.OK : ExitCode.FAILURE;
    }

    /** The decision line's word on its notice: kept in the outbox (before this line), or why there is none. */
    static String mailField(Config config, boolean mail, Optional<Mailer.Kept> kept) {
        if (mail && !config.mailSet()) {
            return "mail=off";
        }
        return kept.map(k -> k.file().isPresent() ? "notice=kept" : "notice=not-kept").orElse("");
    }

    /**
     * md.conf refused: each problem on stderr; the system watcher's on stdout at error priority, so the journal
     * shows why the service is down ({@code journalctl -p err}).
     */
    static void refused(Environment env, ConfigException e) {
        if (env.systemWatcher()) {
            EventLog journal = EventLog.journal(env.out());
            e.problems().forEach(p -> journal.error("memory-daemon: " + p));
            return;
        }
        e.problems().forEach(env.err()::println);
        env.err().flush();
    }
}
