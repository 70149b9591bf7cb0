// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The text node_exporter's textfile collector reads, and the counters carried from one file to the next. */
class MetricsTextTest {
    private static final MetricsText.Reading READING =
            new MetricsText.Reading("alice", 93.12345678, 90.5, 1_764_608_400_123L, 2);

    @Test
    void everyMetricHasHelpAndTypeBeforeItsSamplesAndTheFileEndsWithALineFeed() {
        String text = MetricsText.render(READING, MetricsText.plus(MetricsText.zero(), Action.KILLED));

        assertTrue(text.endsWith("\n"));
        assertTrue(text.contains("""
                # HELP memory_daemon_used_ratio Share of RAM in use (MemTotal - MemAvailable) / MemTotal at the last\
                 reading.
                # TYPE memory_daemon_used_ratio gauge
                memory_daemon_used_ratio{user="alice"} 0.931235
                """), text);
        assertTrue(text.contains("# TYPE memory_daemon_threshold_ratio gauge\n"
                + "memory_daemon_threshold_ratio{user=\"alice\"} 0.905\n"), text);
        assertTrue(text.contains("# TYPE memory_daemon_last_check_timestamp_seconds gauge\n"
                + "memory_daemon_last_check_timestamp_seconds{user=\"alice\"} 1764608400.123\n"), text);
        assertTrue(text.contains("# TYPE memory_daemon_actions_total counter\n"), text);
        assertTrue(text.contains("memory_daemon_actions_total{user=\"alice\",action=\"killed\"} 1\n"), text);
        assertTrue(text.contains("memory_daemon_actions_total{user=\"alice\",action=\"no-candidate\"} 0\n"), text);
        assertTrue(text.contains("# TYPE memory_daemon_outbox_mails gauge\n"
                + "memory_daemon_outbox_mails{user=\"alice\"} 2\n"), text);
        for (String name : List.of("memory_daemon_used_ratio", "memory_daemon_threshold_ratio",
                "memory_daemon_last_check_timestamp_seconds", "memory_daemon_actions_total",
                "memory_daemon_outbox_mails")) {
            int help = text.indexOf("# HELP " + name + " ");
            int type = text.indexOf("# TYPE " + name + " ");
            int sample = text.indexOf("\n" + name + "{");
            assertTrue(help >= 0 && help < type && type < sample, name + " in\n" + text);
            assertEquals(text.lastIndexOf("# HELP " + name + " "), help, "one HELP line for " + name);
        }
    }

    @Test
    void noSeriesIsWrittenTwiceAndNoSampleCarriesATimestamp() {
        String text = MetricsText.render(READING, MetricsText.zero());
        Set<String> series = new HashSet<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) {
                int brace = line.lastIndexOf('}');
                assertTrue(series.add(line.substring(0, brace + 1)), "twice: " + line);
                assertFalse(line.substring(brace + 2).contains(" "), "a timestamp: " + line);
            }
        }
        assertEquals(4 + MetricsText.COUNTED.size(), series.size(), text);
    }

    @Test
    void labelValuesEscapeBackslashQuoteAndLineFeed() {
        assertEquals("a\\\\b\\\"c\\nd", MetricsText.labelValue("a\\b\"c\nd"));
        String text = MetricsText.render(new MetricsText.Reading("ev\"il\n} 1\nx", 1, 1, 0, 0), MetricsText.zero());

        assertTrue(text.contains("memory_daemon_outbox_mails{user=\"ev\\\"il\\n} 1\\nx\"} 0\n"), text);
        assertEquals(4 * 3 + 2 + MetricsText.COUNTED.size(), text.split("\n").length, "no line forged: " + text);
    }

    @Test
    void numbersAreWrittenPlainNeverInENotation() {
        assertEquals("0", MetricsText.ratio(0));
        assertEquals("1", MetricsText.ratio(100));
        assertEquals("0.000001", MetricsText.ratio(0.0001));
        assertEquals("0.1", MetricsText.ratio(10));
        assertEquals("0", MetricsText.seconds(0));
        assertEquals("1764608400.5", MetricsText.seconds(1_764_608_400_500L));
    }

    @Test
    void countersContinueFromThePreviousFile() {
        Map<String, Long> before = MetricsText.plus(MetricsText.plus(MetricsText.zero(), Action.KILLED), Action.KILLED);
        String previous = MetricsText.render(READING, MetricsText.plus(before, Action.WARNED));

        Map<String, Long> read = MetricsText.counters(previous);
        Map<String, Long> next = MetricsText.plus(read, Action.KILLED_SIGKILL);

        assertEquals(2, read.get("killed"));
        assertEquals(1, read.get("warned"));
        assertEquals(1, next.get("killed-sigkill"));
        assertEquals(0, next.get("gone"));
        assertEquals(next, MetricsText.counters(MetricsText.render(READING, next)));
    }

    @Test
    void onlyRealDecisionsOverTheThresholdCount() {
        Map<String, Long> zero = MetricsText.zero();

        for (Action a : List.of(Action.OK, Action.WOULD_KILL, Action.WOULD_WARN)) {
            assertEquals(zero, MetricsText.plus(zero, a), a.logName());
        }
        assertFalse(zero.containsKey("would-kill"));
    }

    @Test
    void anActionOfANewerVersionIsKeptAndLabelsMayComeInAnyOrder() {
        Map<String, Long> read = MetricsText.counters("memory_daemon_actions_total{action=\"frozen\",user=\"a\\\"b\"}"
                + " 7\nmemory_daemon_actions_total{user=\"a\",action=\"killed\",} 3\n");

        assertEquals(7, read.get("frozen"));
        assertEquals(3, read.get("killed"));
        assertEquals(0, read.get("warned"));
    }

    @Test
    void aFileThatIsNotOursIsRefusedWithWhatIsWrong() {
        assertEquals(MetricsText.zero(), MetricsText.counters(""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MetricsText.counters(
                "memory_daemon_actions_total{action=\"killed\"} 1")).getMessage().contains("line feed"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MetricsText.counters(
                "# x\nmemory_daemon_actions_total{action=\"killed\"} -1\n")).getMessage().startsWith("line 2 "));
        assertThrows(IllegalArgumentException.class, () -> MetricsText.counters(
                "memory_daemon_actions_total{action=\"killed\"} 1e3\n"));
        assertThrows(IllegalArgumentException.class, () -> MetricsText.counters(
                "memory_daemon_actions_total{action=\"killed\"} 99999999999999999999\n"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MetricsText.counters(
                "memory_daemon_actions_total{action=\"killed\"} 1\nmemory_daemon_actions_total{action=\"killed\"} 2\n"))
                .getMessage().contains("repeats"));
        assertThrows(IllegalArgumentException.class, () -> MetricsText.counters("\u0000\u0001binary"));
    }

    @Test
    void theWatcherRefreshesAtMostEveryFifteenSeconds() {
        assertFalse(MetricsText.due(1_000, 15_999));
        assertTrue(MetricsText.due(1_000, 16_000));
        assertTrue(MetricsText.due(Long.MIN_VALUE / 2, 0));
    }
}
