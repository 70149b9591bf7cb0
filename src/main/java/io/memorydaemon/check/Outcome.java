// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * What one check saw and did; one log line.
 *
 * @param process the job's main process: the one the log line names
 * @param top     the largest processes on the machine, for the notice
 */
public record Outcome(
        ZonedDateTime time,
        MemoryStatus memory,
        double thresholdPercent,
        Action action,
        Optional<ProcessDetails> process,
        List<ProcessDetails> top,
        Optional<Mailer.Delivery> mail,
        Decision decision) {

    /** The command's share of a log line, in characters once escaped. */
    private static final int COMMAND_MAX = 200;

    /**
     * Why the pass acted as it did.
     *
     * @param mode      a real run, a dry run or the dummy-trigger test: the log says which
     * @param verdict   the rule's verdict; empty under the threshold
     * @param job       the job acted on or warned about
     * @param largest   the largest consumer when it is not {@code job}
     * @param processes how many processes were signalled
     * @param failure   why a signal failed
     * @param forecast  an early warning's: when the threshold will be reached at the current rate
     * @param warnThresholdPercent an early warning's warn_threshold
     */
    public record Decision(Checker.Mode mode, Optional<KillRule.Verdict> verdict, Optional<JobReport> job,
                           Optional<JobReport> largest, Choice.Picture picture, int processes,
                           Optional<String> failure, Optional<MemoryHistory.Forecast> forecast,
                           Optional<Double> warnThresholdPercent) {
        public static Decision none(Checker.Mode mode) {
            return new Decision(mode, Optional.empty(), Optional.empty(), Optional.empty(), Choice.Picture.NONE, 0,
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    public Outcome withMail(Optional<Mailer.Delivery> delivery) {
        return new Outcome(time, memory, thresholdPercent, action, process, top, delivery, decision);
    }

    /**
     * The decision's fields in logfmt: {@code used=… threshold=… action=… [reason=…] [dry_run=yes|test=yes] pid=…
     * user=… rss=… [job=… procs=… mem=…] cmd=…}; the command comes last and is cut at 200 characters. User and
     * command are escaped and quoted: a command line holding a newline or a quote must not forge a line or a field.
     */
    public String logFields() {
        Logfmt f = Logfmt.fields()
                .add("used", Units.percent(memory.usedPercent()))
                .add("threshold", Units.threshold(thresholdPercent) + "%")
                .add("action", action.logName());
        decision.verdict().filter(v -> v != KillRule.Verdict.KILL && action != Action.NO_CANDIDATE)
                .ifPresent(v -> f.add("reason", v.reason()));
        if (decision.mode() == Checker.Mode.DRY_RUN) {
            f.add("dry_run", "yes");
        } else if (decision.mode() == Checker.Mode.TEST) {
            f.add("test", "yes");
        }
        process.ifPresent(p -> {
            f.add("pid", p.pid()).add("user", p.user()).add("rss", compact(p.rssBytes()));
            decision.job().filter(j -> j.processes() > 1 || j.job().kind() == Job.Kind.CGROUP).ifPresent(j -> f
                    .add("job", j.job().label()).add("procs", j.processes()).add("mem", compact(j.job().memoryBytes())));
            if (decision.processes() > 0 && decision.processes() != decision.job().map(JobReport::processes).orElse(1)) {
                f.add("signalled", decision.processes());
            }
        });
        decision.failure().ifPresent(why -> f.add("reason", why));
        decision.warnThresholdPercent().ifPresent(w -> f.add("warn_threshold", Units.threshold(w) + "%"));
        decision.forecast().ifPresent(fc -> f.add("threshold_in", fc.until().toSeconds() + "s"));
        Choice.Picture where = decision.picture();
        if (decision.verdict().filter(v -> v == KillRule.Verdict.WARN_TOO_SMALL || v == KillRule.Verdict.WARN_HIDDEN)
                .isPresent()) {
            f.add("excess", compact(where.excessBytes())).add("shmem", compact(where.shmemBytes()))
                    .add("unexplained", compact(where.unexplainedBytes()));
            decision.largest().ifPresent(l -> f.add("largest_pid", l.main().pid()).add("largest_user", l.user())
                    .add("largest_mem", compact(l.job().memoryBytes())));
        }
        process.ifPresent(p -> f.add("cmd", UntrustedText.escape(p.command(), COMMAND_MAX)));
        mail.ifPresent(m -> f.add("mail", m.logWord()));
        return f.toString();
    }

    private static String compact(long bytes) {
        return Units.bytes(bytes).replace(" ", "");
    }
}
