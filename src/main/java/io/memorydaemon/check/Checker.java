// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import io.memorydaemon.config.Config;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One pass of the watchdog: read memory, choose, signal; then describe what was done. Terminates the user's own
 * dominant job or warns about the consumer that dominates ({@link JobChooser}), and writes the notice a caller may
 * keep and mail. Nothing here talks to the outside world: delivery comes after the pass, outside the run lock, so no
 * mail server can delay a kill.
 */
public final class Checker {

    /** How the pass acts: a real run, a dry run (no signal, no mail) or the dummy-trigger test (mail, no signal). */
    public enum Mode { REAL, DRY_RUN, TEST }

    /** @param history {@code check}'s readings between runs, for the early warning's estimate */
    public record Parts(MemoryGauge gauge, PressureGauge pressure, Supplier<ProcessTable> processes,
                        Signaller signaller, WarnLedger ledger, NoticeWriter writer, Clock clock,
                        HistoryStore history) {

        public Parts(MemoryGauge gauge, PressureGauge pressure, Supplier<ProcessTable> processes, Signaller signaller,
                     WarnLedger ledger, NoticeWriter writer, Clock clock) {
            this(gauge, pressure, processes, signaller, ledger, writer, clock, HistoryStore.NONE);
        }
    }

    /** What the pass did, and the notice to mail about it (none for a dry run or a suppressed warning). */
    public record Pass(Outcome outcome, Optional<Notice> notice) { }

    /** A plain login name only ({@code alice}, {@code j.doe}): a uid without a name, or anything odd, gets no mail. */
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,63}");

    private final Config config;
    private final Mode mode;
    private final Parts parts;
    private final Trigger trigger;
    /** Present for the system watcher: the lowest uid of an ordinary user, whose jobs alone it may kill. */
    private final OptionalLong systemMinUid;

    public Checker(Config config, Mode mode, Parts parts) {
        this(config, mode, parts, OptionalLong.empty());
    }

    private Checker(Config config, Mode mode, Parts parts, OptionalLong systemMinUid) {
        this.config = config;
        this.mode = mode;
        this.parts = parts;
        this.trigger = Trigger.of(config);
        this.systemMinUid = systemMinUid;
    }

    /** The system watcher's pass: ordinary users' jobs only (uid at least {@code minUid}) may be killed. */
    public static Checker system(Config config, Mode mode, Parts parts, long minUid) {
        return new Checker(config, mode, parts, OptionalLong.of(minUid));
    }

    /**
     * Reads memory (and pressure, with {@code psi}); the process table is touched only when the trigger fires, or
     * with {@code warn_threshold} between the two thresholds. With {@code warn_threshold}, the reading joins the
     * history the estimate is made from, and a reading under it re-arms the early warning.
     */
    public Pass run() throws IOException {
        MemoryStatus memory = parts.gauge().read();
        OptionalDouble pressure = trigger.usesPressure() ? parts.pressure().someAvg10() : OptionalDouble.empty();
        boolean over = trigger.over(memory, pressure);
        if (!over && trigger.warns()) {
            MemoryHistory history = new MemoryHistory(parts.history().load());
            history.add(new MemoryHistory.Reading(parts.clock().millis(), memory.usedBytes()));
            if (mode == Mode.REAL) {
                parts.history().save(history.readings());
            }
            if (trigger.warnOver(memory)) {
                return warnEarly(memory, history);
            }
            if (mode == Mode.REAL && trigger.rearms(memory)) {
                parts.ledger().rearmEarly();
            }
        }
        return runWith(memory, over);
    }

    /**
     * Between warn_threshold and threshold: the user's job a kill would take now, named early, once per rise (or
     * per warn_interval), with when the threshold will be reached at the rate the history shows. Nothing is killed;
     * when the largest consumer is not one the rule would kill, nothing is said.
     */
    public Pass warnEarly(MemoryStatus memory, MemoryHistory history) throws IOException {
        ZonedDateTime now = ZonedDateTime.now(parts.clock());
        ProcessTable table = parts.processes().get();
        List<ProcessInfo> all = table.snapshot();
        Choice choice = choose(table, all, memory);
        if (!choice.kill() || choice.job().isEmpty()) {
            return new Pass(outcome(now, memory, Action.OK, Optional.empty(), List.of(), Outcome.Decision.none(mode)),
                    Optional.empty());
        }
        Job job = choice.job().get();
        JobReport described = JobReport.describe(table, job);
        if (described.user().equals(Long.toString(job.uid()))) {
            described = described.withUser(table.userName(job.uid()));
        }
        Action action = Action.WOULD_WARN_EARLY;
        if (mode == Mode.REAL) {
            action = parts.ledger().warnedEarly(job.main(), now.toInstant(),
                    Duration.ofMinutes(config.warnIntervalMinutes())) ? Action.EARLY_SUPPRESSED : Action.WARNED_EARLY;
            if (action == Action.WARNED_EARLY) {
                parts.ledger().recordEarly(job.main(), now.toInstant());
            }
        }
        long thresholdBytes = (long) Math.ceil(memory.totalBytes() * config.thresholdPercent() / 100);
        Outcome.Decision decision = new Outcome.Decision(mode, Optional.of(KillRule.Verdict.KILL),
                Optional.of(described), Optional.empty(), choice.picture(), 0, Optional.empty(),
                history.forecast(thresholdBytes), config.warnThresholdPercent());
        Outcome outcome = outcome(now, memory, action, Optional.of(described.main()),
                PassReport.top(table, all, described.members()), decision);
        if (action == Action.EARLY_SUPPRESSED || mode == Mode.DRY_RUN) {
            return new Pass(outcome, Optional.empty());
        }
        Notice notice = parts.writer().writeEarly(outcome);
        if (systemMinUid.isPresent() && config.ownerDomain().isPresent()) {
            notice = notice.withAlsoTo(ownerAddress(described.user(), config.ownerDomain().get()).stream().toList());
        }
        return new Pass(outcome, Optional.of(notice));
    }

    /**
     * The choice this pass would make over the threshold with this reading, touching nothing (the watcher's
     * warm-up, {@code md_wizard status}).
     */
    public Choice choose(ProcessTable table, List<ProcessInfo> all, MemoryStatus memory) {
        JobRanking ranking = new JobRanking(table, all, new Infrastructure(table.ownExecutable()),
                table.selfAndAncestors(), config.victimJobs());
        JobChooser.Rules rules = new JobChooser.Rules(table.currentUid(), config.killAsRoot(), systemMinUid,
                config.avoid(), config.prefer());
        return new JobChooser(rules, table::executable).choose(ranking, memory, parts.gauge().breakdown(),
                excessBytes(memory), table.othersHidden());
    }

    /** Used RAM over the threshold; 0 for the dummy trigger, and when only pressure made the pass act. */
    long excessBytes(MemoryStatus memory) {
        if (mode == Mode.TEST || !trigger.memoryOver(memory)) {
            return 0;
        }
        return Math.max(0, memory.usedBytes() - (long) Math.ceil(memory.totalBytes() * config.thresholdPercent() / 100));
    }

    /** As {@link #run()}, with the trigger decided by the caller (the watcher's policy). */
    public Pass runWith(MemoryStatus memory, boolean over) throws IOException {
        ZonedDateTime now = ZonedDateTime.now(parts.clock());
        if (!over) {
            return new Pass(outcome(now, memory, Action.OK, Optional.empty(), List.of(), Outcome.Decision.none(mode)),
                    Optional.empty());
        }
        ProcessTable table = parts.processes().get();
        List<ProcessInfo> all = table.snapshot();
        Choice choice = choose(table, all, memory);
        if (choice.job().isEmpty()) {
            Outcome.Decision d = new Outcome.Decision(mode, Optional.of(choice.verdict()), Optional.empty(),
                    Optional.empty(), choice.picture(), 0, Optional.empty(), Optional.empty(), Optional.empty());
            return new Pass(outcome(now, memory, Action.NO_CANDIDATE, Optional.empty(), PassReport.top(table, all, List.of()),
                    d), Optional.empty());
        }
        Job job = choice.job().get();
        // the command lines before the signal: after it they are gone; the slow parts of the report come after
        JobReport described = JobReport.describe(table, job);
        Signaller.Termination t = new Signaller.Termination(Signaller.Result.GONE, 0);
        Action action;
        if (choice.kill()) {
            if (mode == Mode.REAL) {
                t = parts.signaller().terminate(job, Duration.ofSeconds(config.graceSeconds()));
                action = PassReport.action(t.result());
            } else {
                action = Action.WOULD_KILL;
            }
        } else {
            action = warn(job.main(), now);
            if (action == Action.WARNED) {
                // the decision is recorded, not the delivery: a mail server that is down must not turn one warning
                // per warn_interval into one per pass
                parts.ledger().recordWarning(job.main(), now.toInstant());
            }
        }
        if (described.user().equals(Long.toString(job.uid()))) {
            described = described.withUser(table.userName(job.uid()));
        }
        Optional<JobReport> largest = choice.largest().map(l -> PassReport.describe(table, l));
        Outcome.Decision decision = new Outcome.Decision(mode, Optional.of(choice.verdict()), Optional.of(described),
                largest, choice.picture(), t.processes(), t.failure(), Optional.empty(), Optional.empty());
        Outcome outcome = outcome(now, memory, action, Optional.of(described.main()),
                PassReport.top(table, all, described.members()), decision);
        boolean mail = action != Action.WARN_SUPPRESSED && mode != Mode.DRY_RUN;
        if (!mail) {
            return new Pass(outcome, Optional.empty());
        }
        Notice notice = parts.writer().write(outcome, mode == Mode.TEST);
        if (systemMinUid.isPresent() && config.ownerDomain().isPresent() && choice.kill()) {
            notice = notice.withAlsoTo(ownerAddress(described.user(), config.ownerDomain().get()).stream().toList());
        }
        return new Pass(outcome, Optional.of(notice));
    }

    /** The system watcher's mail to a process owner: {@code user@owner_domain}, when the user name is a plain login. */
    static Optional<String> ownerAddress(String user, String domain) {
        return LOGIN.matcher(user).matches() ? Optional.of(user + "@" + domain) : Optional.empty();
    }

    private Outcome outcome(ZonedDateTime now, MemoryStatus memory, Action action, Optional<ProcessDetails> process,
                            List<ProcessDetails> top, Outcome.Decision decision) {
        return new Outcome(now, memory, config.thresholdPercent(), action, process, top, Optional.empty(), decision);
    }

    private Action warn(ProcessInfo target, ZonedDateTime now) {
        if (mode != Mode.REAL) {
            return Action.WOULD_WARN;
        }
        Duration interval = Duration.ofMinutes(config.warnIntervalMinutes());
        return parts.ledger().warnedRecently(target, now.toInstant(), interval) ? Action.WARN_SUPPRESSED : Action.WARNED;
    }
}
