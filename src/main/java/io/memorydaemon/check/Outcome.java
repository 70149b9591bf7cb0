// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/** What one check saw and did; one log line. */
public record Outcome(
        ZonedDateTime time,
        MemoryStatus memory,
        double thresholdPercent,
        Action action,
        Optional<ProcessDetails> process,
        List<ProcessDetails> top,
        Optional<Mailer.Delivery> mail) {

    /** The command's share of a log line, in characters once escaped. */
    private static final int COMMAND_MAX = 200;

    /**
     * The decision's fields in logfmt: {@code used=… threshold=… action=… pid=… user=… rss=… cmd=…}; the
     * command comes last and is cut at 200 characters. User and command are escaped and quoted: a command line
     * holding a newline or a quote must not forge a second line or a field.
     */
    public String logFields() {
        Logfmt f = Logfmt.fields()
                .add("used", Units.percent(memory.usedPercent()))
                .add("threshold", Units.threshold(thresholdPercent) + "%")
                .add("action", action.logName());
        process.ifPresent(p -> f.add("pid", p.pid())
                .add("user", p.user())
                .add("rss", Units.bytes(p.rssBytes()).replace(" ", ""))
                .add("cmd", UntrustedText.escape(p.command(), COMMAND_MAX)));
        mail.ifPresent(m -> f.add("mail", m.sent() ? "sent" : "kept"));
        return f.toString();
    }
}
