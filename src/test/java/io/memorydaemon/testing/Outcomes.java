// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import io.memorydaemon.check.Action;
import io.memorydaemon.check.Checker;
import io.memorydaemon.check.Choice;
import io.memorydaemon.check.Job;
import io.memorydaemon.check.JobReport;
import io.memorydaemon.check.KillRule;
import io.memorydaemon.check.Mailer;
import io.memorydaemon.check.MemoryStatus;
import io.memorydaemon.check.Outcome;
import io.memorydaemon.check.ProcessDetails;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/** Outcomes built in a test: a decision about one process, as a real pass writes it. */
public final class Outcomes {
    private Outcomes() { }

    /** A real run's outcome acting on {@code process} alone (a job of one), with the verdict its action implies. */
    public static Outcome of(ZonedDateTime time, MemoryStatus memory, double threshold, Action action,
                             Optional<ProcessDetails> process, List<ProcessDetails> top,
                             Optional<Mailer.Delivery> mail) {
        return of(time, memory, threshold, action, process, top, mail, Checker.Mode.REAL, verdict(action));
    }

    public static Outcome of(ZonedDateTime time, MemoryStatus memory, double threshold, Action action,
                             Optional<ProcessDetails> process, List<ProcessDetails> top, Optional<Mailer.Delivery> mail,
                             Checker.Mode mode, KillRule.Verdict verdict) {
        Outcome.Decision d = process.map(p -> new Outcome.Decision(mode, Optional.of(verdict),
                Optional.of(new JobReport(new Job(Job.Kind.PROCESS, Long.toString(p.pid()), p.process().uid(),
                        List.of(p.process()), p.rssBytes(), false, Optional.empty()), List.of(p), p.user())),
                Optional.empty(), Choice.Picture.NONE, 1, Optional.empty(), Optional.empty(), Optional.empty()))
                .orElse(Outcome.Decision.none(mode));
        return new Outcome(time, memory, threshold, action, process, top, mail, d);
    }

    private static KillRule.Verdict verdict(Action action) {
        return switch (action) {
            case WARNED, WARN_SUPPRESSED, WOULD_WARN, NO_CANDIDATE -> KillRule.Verdict.WARN_OTHER_USER;
            default -> KillRule.Verdict.KILL;
        };
    }
}
