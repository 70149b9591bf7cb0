// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import io.memorydaemon.config.Config;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One pass of the watchdog: read memory, decide, signal; then describe what was done. Terminates the user's own
 * dominant process or warns about another user's, and writes the notice a caller may mail. Nothing here talks to
 * the outside world: delivery comes after the pass, outside the run lock, so no mail server can delay a kill.
 */
public final class Checker {

    /** How the pass acts: a real run, a dry run (no signal, no mail) or the dummy-trigger test (mail, no signal). */
    public enum Mode { REAL, DRY_RUN, TEST }

    public record Parts(MemoryGauge gauge, PressureGauge pressure, Supplier<ProcessTable> processes,
                        Signaller signaller, WarnLedger ledger, NoticeWriter writer, Clock clock) { }

    /** What the pass did, and the notice to mail about it (none for a dry run or a suppressed warning). */
    public record Pass(Outcome outcome, Optional<Notice> notice) { }

    private static final int TOP = 5;
    /** A plain login name only ({@code alice}, {@code j.doe}): a uid without a name, or anything odd, gets no mail. */
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,63}");

    private final Config config;
    private final Mode mode;
    private final Parts parts;
    private final Trigger trigger;
    /** Present for the system watcher: the lowest uid of an ordinary user, whose processes alone it may kill. */
    private final OptionalInt systemMinUid;

    public Checker(Config config, Mode mode, Parts parts) {
        this(config, mode, parts, OptionalInt.empty());
    }

    private Checker(Config config, Mode mode, Parts parts, OptionalInt systemMinUid) {
        this.config = config;
        this.mode = mode;
        this.parts = parts;
        this.trigger = Trigger.of(config);
        this.systemMinUid = systemMinUid;
    }

    /** The system watcher's pass: the dominant process of ordinary users (uid at least {@code minUid}) only. */
    public static Checker system(Config config, Mode mode, Parts parts, int minUid) {
        return new Checker(config, mode, parts, OptionalInt.of(minUid));
    }

    /** The victim choice of this pass (the watcher's warm-up runs it too). */
    public VictimSelector selector(ProcessTable table) {
        return systemMinUid.isPresent()
                ? VictimSelector.system(table.selfAndAncestors(), systemMinUid.getAsInt(), config.avoid(), config.prefer())
                : new VictimSelector(table.selfAndAncestors(), config.avoid(), config.prefer());
    }

    /** Reads memory (and pressure, with {@code psi}); the process table is touched only when the trigger fires. */
    public Pass run() throws IOException {
        MemoryStatus memory = parts.gauge().read();
        OptionalDouble pressure = trigger.usesPressure() ? parts.pressure().someAvg10() : OptionalDouble.empty();
        return runWith(memory, trigger.over(memory, pressure));
    }

    /** As {@link #run()}, with the trigger decided by the caller (the watcher's policy). */
    public Pass runWith(MemoryStatus memory, boolean over) throws IOException {
        ZonedDateTime now = ZonedDateTime.now(parts.clock());
        if (!over) {
            return new Pass(outcome(now, memory, Action.OK, Optional.empty(), List.of()), Optional.empty());
        }
        ProcessTable table = parts.processes().get();
        List<ProcessInfo> all = table.snapshot();
        VictimSelector selector = selector(table);
        Optional<ProcessDetails> victim = selector.choose(all).flatMap(table::describe);
        if (victim.isEmpty()) {
            return new Pass(outcome(now, memory, Action.NO_CANDIDATE, victim, report(table, all, victim)),
                    Optional.empty());
        }
        ProcessInfo target = victim.get().process();
        // the signal first: the report's details below take time a runaway job fills RAM in
        KillRule.Verdict verdict = systemMinUid.isPresent()
                ? KillRule.systemVerdict(target.uid(), systemMinUid.getAsInt())
                : KillRule.verdict(target.uid(), table.currentUid(), config.killAsRoot());
        Action action = verdict == KillRule.Verdict.KILL ? kill(target) : warn(target, now);
        if (action == Action.WARNED) {
            // the decision is recorded, not the delivery: a mail server that is down must not turn one warning
            // per warn_interval into one per pass
            parts.ledger().recordWarning(target, now.toInstant());
        }
        String quickUser = Integer.toString(target.uid());
        if (victim.get().user().equals(quickUser)) {
            victim = Optional.of(victim.get().withUser(table.userName(target.uid())));
        }
        Outcome outcome = outcome(now, memory, action, victim, report(table, all, victim));
        boolean mail = action != Action.WARN_SUPPRESSED && mode != Mode.DRY_RUN;
        if (!mail) {
            return new Pass(outcome, Optional.empty());
        }
        Notice notice = parts.writer().write(outcome, mode == Mode.TEST);
        if (systemMinUid.isPresent() && config.ownerDomain().isPresent()) {
            notice = notice.withAlsoTo(ownerAddress(victim.get().user(), config.ownerDomain().get()).stream().toList());
        }
        return new Pass(outcome, Optional.of(notice));
    }

    /** The system watcher's mail to a process owner: {@code user@owner_domain}, when the user name is a plain login. */
    static Optional<String> ownerAddress(String user, String domain) {
        return LOGIN.matcher(user).matches() ? Optional.of(user + "@" + domain) : Optional.empty();
    }

    private Outcome outcome(ZonedDateTime now, MemoryStatus memory, Action action, Optional<ProcessDetails> victim,
                            List<ProcessDetails> top) {
        return new Outcome(now, memory, config.thresholdPercent(), action, victim, top, Optional.empty());
    }

    /** The largest processes, as the mail lists them; the victim as described before it was signalled. */
    private static List<ProcessDetails> report(ProcessTable table, List<ProcessInfo> all,
                                               Optional<ProcessDetails> victim) {
        List<ProcessDetails> top = new ArrayList<>();
        for (ProcessInfo p : VictimSelector.top(all, TOP)) {
            if (victim.isPresent() && victim.get().process().equals(p)) {
                top.add(victim.get());
            } else {
                table.describeForReport(p).ifPresent(top::add);
            }
        }
        return top;
    }

    private Action kill(ProcessInfo target) {
        if (mode != Mode.REAL) {
            return Action.WOULD_KILL;
        }
        return switch (parts.signaller().terminate(target, Duration.ofSeconds(config.graceSeconds()))) {
            case TERMINATED -> Action.KILLED;
            case KILLED -> Action.KILLED_SIGKILL;
            case GONE -> Action.GONE;
            case REFUSED_OTHER_USER, REFUSED_PID_REUSED -> Action.KILL_REFUSED;
            case FAILED -> Action.KILL_FAILED;
        };
    }

    private Action warn(ProcessInfo target, ZonedDateTime now) {
        if (mode != Mode.REAL) {
            return Action.WOULD_WARN;
        }
        Duration interval = Duration.ofMinutes(config.warnIntervalMinutes());
        return parts.ledger().warnedRecently(target, now.toInstant(), interval) ? Action.WARN_SUPPRESSED : Action.WARNED;
    }
}
