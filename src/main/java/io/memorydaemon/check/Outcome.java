// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
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
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

    /** The log's time stamp for now, for lines that are not an outcome. */
    public static String timestamp(java.time.Clock clock) {
        return TIME.format(ZonedDateTime.now(clock));
    }

    /**
     * {@code time used=… threshold=… action=… pid=… user=… rss=… cmd=…}; the command comes last as it may hold
     * spaces. User and command are escaped: a command line holding a newline must not forge a second line.
     */
    public String logLine() {
        StringBuilder b = new StringBuilder(160)
                .append(TIME.format(time))
                .append(" used=").append(Units.percent(memory.usedPercent()))
                .append(" threshold=").append(Units.threshold(thresholdPercent)).append('%')
                .append(" action=").append(action.logName());
        process.ifPresent(p -> b.append(" pid=").append(p.pid())
                .append(" user=").append(UntrustedText.escape(p.user()))
                .append(" rss=").append(Units.bytes(p.rssBytes()).replace(" ", ""))
                .append(" cmd=").append(UntrustedText.escape(p.command(), COMMAND_MAX)));
        mail.ifPresent(m -> b.append(m.sent() ? " mail=sent" : " mail=kept"));
        return b.toString();
    }
}
