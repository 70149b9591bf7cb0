// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CrontabTextTest {
    private static final String OTHERS = """
            # my jobs
            MAILTO=me@example.com

            0 3 * * * /usr/bin/backup  --all   # nightly
            """;
    private static final Path LAUNCHER = Path.of("/home/u/.local/bin/mem_daemon");
    private static final Path LOG = Path.of("/home/u/.config/mem_daemon/tmp.log");

    @Test
    void appendsOurLineThenReplacesItInPlaceThenRemovesIt() {
        String five = CronLine.check(LAUNCHER, LOG, 5);
        CrontabText installed = CrontabText.parse(OTHERS).withCheck(five);
        assertEquals(OTHERS + five + "\n", installed.text());

        String ten = CronLine.check(LAUNCHER, LOG, 10);
        CrontabText again = CrontabText.parse(installed.text() + "15 4 * * * /bin/true\n").withCheck(ten);
        assertEquals(OTHERS + ten + "\n15 4 * * * /bin/true\n", again.text());

        assertEquals(OTHERS + "15 4 * * * /bin/true\n", again.withoutCheck().text());
    }

    @Test
    void theLineHasAbsolutePathsTheLogAndTheMarker() {
        assertEquals("*/5 * * * * /home/u/.local/bin/mem_daemon check >> /home/u/.config/mem_daemon/tmp.log 2>&1"
                + " # memory-daemon", CronLine.check(LAUNCHER, LOG, 5));
        assertEquals("* * * * * '/home/a b/x%y' check >> /l 2>&1 # memory-daemon",
                CronLine.check(Path.of("/home/a b/x%y"), Path.of("/l"), 1).replace("\\%", "%"));
        assertTrue(CronLine.check(Path.of("/p%"), Path.of("/l"), 2).contains("/p\\%"), "cron needs % escaped");
        assertEquals(Optional.of(5), CronLine.periodMinutes(CronLine.check(LAUNCHER, LOG, 5)));
        assertEquals(Optional.of(1), CronLine.periodMinutes(CronLine.check(LAUNCHER, LOG, 1)));
    }

    @Test
    void theOriginalToolsLineIsSwappedForOursInItsPlace() {
        String legacy = "*/3 * * * * /home/u/bin/mem_daemon 0 1 >> /home/u/.config/mem_daemon/tmp.log";
        CrontabText text = CrontabText.parse("# top\n" + legacy + "\n0 3 * * * other\n");
        assertEquals(List.of(legacy), text.legacyLines());
        assertEquals(Optional.of(3), CronLine.periodMinutes(legacy));
        String ours = CronLine.check(LAUNCHER, LOG, 3);
        assertEquals("# top\n" + ours + "\n0 3 * * * other\n", text.withCheck(ours).withoutLegacy().text());
    }

    @Test
    void commentedLinesAndOtherToolsAreNotOurs() {
        CrontabText text = CrontabText.parse("#*/5 * * * * /x/mem_daemon check # memory-daemon\n"
                + "# */3 * * * * /home/u/bin/mem_daemon 0 1\n* * * * * other_mem_daemon_tool 01\n");
        assertFalse(text.checkLine().isPresent());
        assertTrue(text.legacyLines().isEmpty());
    }

    @Test
    void watchAndCheckLinesAreTellApart() {
        String watch = CronLine.watch(LAUNCHER, LOG);
        String check = CronLine.check(LAUNCHER, LOG, 5);
        CrontabText both = CrontabText.parse(OTHERS).withCheck(check).withWatch(watch);
        assertEquals(Optional.of(check), both.checkLine());
        assertEquals(Optional.of(watch), both.watchLine());
        assertEquals("@reboot /home/u/.local/bin/mem_daemon watch >> /home/u/.config/mem_daemon/tmp.log 2>&1"
                + " # memory-daemon watch", watch);
        assertEquals(OTHERS + check + "\n", both.withoutWatch().text());
        assertEquals(OTHERS, both.withoutWatch().withoutCheck().text());
    }

    @Test
    void aLineOfAnEarlierVersionIsReplacedByOneThatCarriesTheConfigHome() {
        String older = "*/5 * * * * /home/u/.local/bin/mem_daemon check >> /home/u/.config/mem_daemon/tmp.log 2>&1"
                + " # memory-daemon";
        String olderWatch = "@reboot /home/u/.local/bin/mem_daemon watch >> /home/u/.config/mem_daemon/tmp.log 2>&1"
                + " # memory-daemon watch";
        Optional<Path> xdg = Optional.of(Path.of("/srv/u"));
        String ours = CronLine.check(LAUNCHER, Path.of("/srv/u/mem_daemon/tmp.log"), 5, xdg);
        String watch = CronLine.watch(LAUNCHER, Path.of("/srv/u/mem_daemon/tmp.log"), xdg);
        CrontabText text = CrontabText.parse(OTHERS + older + "\n" + olderWatch + "\n");
        assertEquals(Optional.of(older), text.checkLine());
        assertEquals(OTHERS + ours + "\n" + watch + "\n", text.withCheck(ours).withWatch(watch).text());
        assertEquals(OTHERS, text.withCheck(ours).withoutCheck().withoutWatch().text());
    }

    @Test
    void aLastLineWithoutNewlineKeepsItsBytes() {
        CrontabText text = CrontabText.parse("0 1 * * * a");
        String line = CronLine.check(LAUNCHER, LOG, 5);
        assertEquals("0 1 * * * a\n" + line + "\n", text.withCheck(line).text());
        assertEquals("0 1 * * * a", text.withoutCheck().text());
        assertEquals("", CrontabText.parse("").withoutCheck().text());
    }
}
