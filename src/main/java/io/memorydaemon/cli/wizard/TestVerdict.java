// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import io.memorydaemon.check.ChoiceText;
import io.memorydaemon.check.KillRule;
import io.memorydaemon.check.Mailer;
import io.memorydaemon.check.Outcome;
import io.memorydaemon.check.Units;
import io.memorydaemon.config.Config;
import io.memorydaemon.config.Config.MailSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code md_wizard test} tells a person: what a real run would have done, and how the test mail went. */
final class TestVerdict {
    private TestVerdict() { }

    /**
     * @param outcome the dummy run's decision; empty when the check stopped before deciding (its reason is above)
     * @param config  md.conf as the test ran it
     * @param selfUid the user the wizard runs as
     * @param editStep how the person edits md.conf from where they are ({@code 2) Edit md.conf} or {@code md_wizard edit})
     */
    static List<String> lines(Optional<Outcome> outcome, Config config, long selfUid, String editStep) {
        Optional<MailSettings> mail = config.mail();
        List<String> out = new ArrayList<>();
        if (outcome.isEmpty()) {
            out.add("The check stopped before it chose a process (the reason is above); run the test again.");
            return out;
        }
        out.add(action(outcome.get(), selfUid));
        config.warnThresholdPercent().filter(w -> outcome.get().decision().verdict()
                .filter(v -> v == KillRule.Verdict.KILL).isPresent()).ifPresent(w -> out.add("Before that, at "
                + Units.threshold(w) + "% used (warn_threshold), a real run would warn you once, early, by mail"
                + " about the same job."));
        Optional<Mailer.Delivery> delivery = outcome.get().mail();
        if (mail.isEmpty()) {
            out.add("To be told by mail, set receiver, sender, smtp and port with " + editStep + ".");
        } else if (delivery.isEmpty()) {
            out.add("No test mail was sent: there was no process to report.");
        } else if (delivery.get().sent()) {
            out.add("The mail server " + mail.get().smtpHost() + " accepted the test mail: look for it in the inbox of "
                    + String.join(", ", mail.get().receivers()) + ".");
        } else {
            out.add("The test mail was NOT accepted: " + delivery.get().detail()
                    .replaceFirst("; (and it could not be )?kept in .*$", "") + ".");
            out.add("A test mail is never kept for a later run. Fix md.conf with " + editStep + " and test again.");
        }
        return out;
    }

    private static String action(Outcome o, long selfUid) {
        Outcome.Decision d = o.decision();
        if (d.job().isEmpty()) {
            return "A real run over the threshold would find no process it may choose (all are protected or excluded"
                    + " by avoid in md.conf): it would only log the RAM use.";
        }
        String sentence = ChoiceText.would(d.verdict().orElse(KillRule.Verdict.WARN_OTHER_USER), d.job().get(), selfUid,
                d.picture());
        List<String> members = ChoiceText.members(d.job().get());
        StringBuilder b = new StringBuilder(sentence);
        if (!members.isEmpty()) {
            b.append(" Its processes:");
            members.forEach(m -> b.append("\n  ").append(m));
        }
        if (d.verdict().filter(v -> v == KillRule.Verdict.KILL).isPresent()) {
            b.append(members.isEmpty() ? " " : "\n").append("This test left it running.");
        }
        return b.toString();
    }
}
