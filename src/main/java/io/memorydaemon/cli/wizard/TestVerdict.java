// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import io.memorydaemon.check.KillRule;
import io.memorydaemon.check.Mailer;
import io.memorydaemon.check.Outcome;
import io.memorydaemon.check.ProcessDetails;
import io.memorydaemon.check.Units;
import io.memorydaemon.check.UntrustedText;
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
    static List<String> lines(Optional<Outcome> outcome, Config config, int selfUid, String editStep) {
        Optional<MailSettings> mail = config.mail();
        List<String> out = new ArrayList<>();
        if (outcome.isEmpty()) {
            out.add("The check stopped before it chose a process (the reason is above); run the test again.");
            return out;
        }
        out.add(action(outcome.get(), selfUid, config.killAsRoot()));
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

    private static String action(Outcome o, int selfUid, boolean killAsRoot) {
        if (o.process().isEmpty()) {
            return "A real run over the threshold would find no process it may choose (all are protected or excluded"
                    + " by avoid/prefer in md.conf): it would only log the RAM use.";
        }
        ProcessDetails p = o.process().get();
        String who = "pid " + p.pid() + " (" + UntrustedText.escape(shortName(p.command())) + ", "
                + Units.bytes(p.rssBytes()) + ")";
        return switch (KillRule.verdict(p.process().uid(), selfUid, killAsRoot)) {
            case KILL -> "A real run over the threshold would TERMINATE " + who + ", " + (selfUid == 0
                    ? "the largest process (you run as root with 'kill_as_root yes')" : "your own largest process")
                    + ", and mail a kill notice. This test left it running.";
            case WARN_ROOT -> "A real run over the threshold would only WARN about " + who
                    + (p.process().uid() == selfUid ? ", your own process:" : ":")
                    + " you run as root, and md.conf does not say 'kill_as_root yes'.";
            case WARN_OTHER_USER -> "A real run over the threshold would only WARN about " + who + ": it belongs to "
                    + UntrustedText.escape(p.user()) + ", and memory-daemon never kills another user's process.";
        };
    }

    private static String shortName(String command) {
        String first = command.split("\\s+", 2)[0];
        return first.substring(first.lastIndexOf('/') + 1);
    }
}
