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
import java.util.function.Supplier;

/**
 * One pass of the watchdog: compare used RAM with the threshold and, over it, terminate the user's own
 * dominant process or warn about another user's. Knows nothing of /proc, signals or SMTP.
 */
public final class Checker {

    /** How the pass acts: a real run, a dry run (no signal, no mail) or the dummy-trigger test (mail, no signal). */
    public enum Mode { REAL, DRY_RUN, TEST }

    public record Parts(MemoryGauge gauge, Supplier<ProcessTable> processes, Signaller signaller,
                        Optional<Mailer> mailer, WarnLedger ledger, NoticeWriter writer, Clock clock) { }

    private static final int TOP = 5;

    private final Config config;
    private final Mode mode;
    private final Parts parts;

    public Checker(Config config, Mode mode, Parts parts) {
        this.config = config;
        this.mode = mode;
        this.parts = parts;
    }

    /** Reads memory only; the process table is not touched unless used RAM is over the threshold. */
    public Outcome run() throws IOException {
        MemoryStatus memory = parts.gauge().read();
        return runWith(memory, memory.usedPercent() > config.thresholdPercent());
    }

    /** As {@link #run()}, with the trigger decided by the caller (e.g. memory pressure). */
    public Outcome runWith(MemoryStatus memory, boolean over) throws IOException {
        ZonedDateTime now = ZonedDateTime.now(parts.clock());
        if (!over) {
            return new Outcome(now, memory, config.thresholdPercent(), Action.OK, Optional.empty(), List.of(),
                    Optional.empty());
        }
        ProcessTable table = parts.processes().get();
        List<ProcessInfo> all = table.snapshot();
        VictimSelector selector = new VictimSelector(table.selfAndAncestors(), config.avoid(), config.prefer());
        Optional<ProcessDetails> victim = selector.choose(all).flatMap(table::describe);
        if (victim.isEmpty()) {
            return new Outcome(now, memory, config.thresholdPercent(), Action.NO_CANDIDATE, Optional.empty(),
                    report(table, all, victim), Optional.empty());
        }
        ProcessInfo target = victim.get().process();
        // the signal first: the report's details below take time a runaway job fills RAM in
        Action action = mayKill(target, table.currentUid()) ? kill(target) : warn(target, now);
        String quickUser = Integer.toString(target.uid());
        if (victim.get().user().equals(quickUser)) {
            victim = Optional.of(victim.get().withUser(table.userName(target.uid())));
        }
        List<ProcessDetails> top = report(table, all, victim);
        Outcome outcome = new Outcome(now, memory, config.thresholdPercent(), action, victim, top, Optional.empty());
        if (action == Action.WARN_SUPPRESSED || action == Action.NO_CANDIDATE || mode == Mode.DRY_RUN
                || parts.mailer().isEmpty()) {
            return outcome;
        }
        Mailer.Delivery delivery = parts.mailer().get().send(parts.writer().write(outcome, mode == Mode.TEST));
        if (action == Action.WARNED && delivery.sent()) {
            parts.ledger().recordWarning(target, now.toInstant());
        }
        return new Outcome(now, memory, config.thresholdPercent(), action, victim, top, Optional.of(delivery));
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

    /** Own processes only; as root only when md.conf says kill_as_root yes. */
    private boolean mayKill(ProcessInfo target, int uid) {
        if (uid == 0) {
            return config.killAsRoot();
        }
        return target.uid() == uid;
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
