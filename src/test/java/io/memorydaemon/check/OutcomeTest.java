// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Outcomes;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutcomeTest {

    private static final ZonedDateTime TIME = ZonedDateTime.of(2026, 3, 4, 5, 6, 7, 0, ZoneOffset.ofHours(1));
    private static final MemoryStatus MEMORY = new MemoryStatus(8L << 30, 1L << 30);

    @Test
    void underTheThresholdTheLineHasNoProcess() {
        Outcome o = Outcomes.of(TIME, MEMORY, 90, Action.OK, Optional.empty(), List.of(), Optional.empty());

        assertEquals("used=87.5% threshold=90% action=ok", o.logFields());
    }

    @Test
    void anActionNamesTheProcessWithTheCommandLastOnOneLine() {
        ProcessInfo p = new ProcessInfo(4242, 1, 1000, 99, 1536L << 20, "python3");
        ProcessDetails d = new ProcessDetails(p, "alice", "python3  train.py\n--epochs\t10");
        Outcome o = Outcomes.of(TIME, MEMORY, 80, Action.KILLED_SIGKILL, Optional.of(d), List.of(d),
                Optional.of(new Mailer.Delivery(false, "kept")));

        assertEquals("used=87.5% threshold=80% action=killed-sigkill pid=4242 user=alice"
                + " rss=1.5GiB cmd=\"python3  train.py\\\\n--epochs\\\\t10\" mail=kept", o.logFields());
    }

    @Test
    void aCommandLineCannotForgeASecondLogLine() {
        String forged = "2026-03-04T05:07:00+0100 used=95.0% threshold=80% action=killed pid=1 user=root rss=1.0GiB"
                + " cmd=/sbin/init";
        ProcessInfo p = new ProcessInfo(666, 1, 1001, 99, 2L << 30, "a");
        for (String separator : List.of("\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029", "\u000B")) {
            ProcessDetails d = new ProcessDetails(p, "mallory" + separator + "x", "a" + separator + forged);
            Outcome o = Outcomes.of(TIME, MEMORY, 80, Action.WARNED, Optional.of(d), List.of(d), Optional.empty());

            String line = o.logFields();
            assertEquals(1, line.split("[\\n\\r\\u000B\\u000C\\u0085\\u2028\\u2029]", -1).length,
                    "one line for a separator " + (int) separator.charAt(0) + ": " + line);
            assertTrue(line.startsWith("used=87.5% threshold=80% action=warned reason=other-user pid=666"
                    + " user=mallory\\"), line);
            assertTrue(line.contains(" cmd=\"a\\\\"), line);
        }
    }

    @Test
    void aProcessWithoutCommandLineShowsItsNameAndALongCommandIsCut() {
        ProcessInfo p = new ProcessInfo(7, 1, 0, 1, 4096, "kworker");
        Outcome bare = Outcomes.of(TIME, MEMORY, 80, Action.WOULD_WARN,
                Optional.of(new ProcessDetails(p, "root", "")), List.of(), Optional.of(new Mailer.Delivery(true, "")));
        Outcome longer = Outcomes.of(TIME, MEMORY, 80, Action.WARNED,
                Optional.of(new ProcessDetails(p, "root", "x".repeat(300))), List.of(), Optional.empty());

        assertEquals("used=87.5% threshold=80% action=would-warn reason=other-user pid=7 user=root rss=4.0KiB"
                + " cmd=[kworker] mail=sent", bare.logFields());
        assertEquals("x".repeat(200) + "…", longer.logFields().substring(longer.logFields().indexOf("cmd=") + 4));
    }

    @Test
    void aDecimalThresholdIsLoggedAsWrittenAndAWholeOneWithoutDecimals() {
        Outcome half = Outcomes.of(TIME, MEMORY, 90.5, Action.OK, Optional.empty(), List.of(), Optional.empty());
        Outcome whole = Outcomes.of(TIME, MEMORY, 90.0, Action.OK, Optional.empty(), List.of(), Optional.empty());

        assertEquals("used=87.5% threshold=90.5% action=ok", half.logFields());
        assertEquals("used=87.5% threshold=90% action=ok", whole.logFields());
    }
}
