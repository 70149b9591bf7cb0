// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.config.AppPaths;
import io.memorydaemon.config.Config;
import io.memorydaemon.config.ConfigParser;
import io.memorydaemon.schedule.CronUser;
import io.memorydaemon.schedule.CrontabText;
import io.memorydaemon.testing.Run;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad answers as a user or a script gives them to md_wizard's stdin: refused with a reason and asked again, or
 * exit 2 with one line at end of input; md.conf always parses; never a stack trace.
 */
class WizardInputIT {
    private static final String MAIL_ANSWERS = "alerts@example.com\npw\n\n\nsmtp.example.com\n587\n";

    private static Config parsed(CronUser user) throws Exception {
        return new ConfigParser(new AppPaths(user.tempHome().configDir()), user.home())
                .parse(user.tempHome().config());
    }

    private static void assertNoStackTrace(Run.Result r) {
        assertFalse(r.both().contains("Exception") || r.both().contains("\tat ") || r.both().contains("Error:"),
                r.both());
    }

    @Test
    void guidedEditAsksAgainForAReceiverMdConfWouldRefuse() throws Exception {
        try (CronUser user = CronUser.create()) {
            user.tempHome().writeConfig("# mine\nthreshold 90\n");

            Run.Result r = WizardRun.image(user, Map.of(), "bob at example.com\nbob@example.com\n" + MAIL_ANSWERS,
                    "edit", "--guided");

            assertEquals(0, r.exitCode(), r.both());
            assertTrue(r.stdout().contains("Not accepted: 'bob at example.com' is not an email address; write addresses"
                    + " like 'receiver you@example.com,team@example.com'\nReceiver address(es), comma-separated: "),
                    r.stdout());
            assertEquals(List.of("bob@example.com"), parsed(user).mail().orElseThrow().receivers());
            assertTrue(Files.readString(user.tempHome().config()).startsWith("# mine\nthreshold 90\n"));
            assertNoStackTrace(r);
        }
    }

    @Test
    void guidedEditRefusesAnswersWithControlBytes() throws Exception {
        try (CronUser user = CronUser.create()) {
            user.tempHome().writeConfig("threshold 90\n");

            Run.Result r = WizardRun.image(user, Map.of(), "bob\u001b[31m@example.com\nbob\0@example.com\n"
                    + "bob@example.com\n" + MAIL_ANSWERS, "edit", "--guided");

            assertEquals(0, r.exitCode(), r.both());
            assertTrue(r.stdout().contains("That answer holds the control character U+001B; please type plain text."),
                    r.stdout());
            assertTrue(r.stdout().contains("That answer holds a NUL byte; please type plain text."), r.stdout());
            String conf = Files.readString(user.tempHome().config());
            assertFalse(conf.chars().anyMatch(c -> c < 0x20 && c != '\n'), conf);
            assertEquals(List.of("bob@example.com"), parsed(user).mail().orElseThrow().receivers());
            assertNoStackTrace(r);
        }
    }

    /** The launcher's heap is 64 MiB: a 24 MB line read whole used to end in an OutOfMemoryError stack trace. */
    @Test
    void aTwentyFourMegabyteLineIsRefusedWithAMessage() throws Exception {
        try (CronUser user = CronUser.create()) {
            user.tempHome().writeConfig("threshold 90\n");
            String huge = "9".repeat(24 * 1024 * 1024);

            Run.Result menu = WizardRun.image(user, Map.of(), huge + "\n");
            Run.Result question = WizardRun.image(user, Map.of(), huge + "\n", "edit", "--guided");

            assertEquals(0, menu.exitCode(), "nothing ran: " + menu.stderr());
            assertTrue(menu.stdout().contains("That answer is 25165824 characters long; answers are at most 4096."
                    + " Please answer again.\n#? "), menu.stdout());
            assertNoStackTrace(menu);
            assertEquals(2, question.exitCode(), question.both());
            assertTrue(question.stdout().contains("That answer is 25165824 characters long;"), question.stdout());
            assertTrue(question.stderr().contains("md_wizard: no answer (end of input); stopped."), question.stderr());
            assertEquals("threshold 90\n", Files.readString(user.tempHome().config()));
            assertNoStackTrace(question);
        }
    }

    /** Each question of each menu entry, left unanswered: exit 2 and one line, nothing half-written. */
    @Test
    void endOfInputInEveryMenuQuestionExitsTwo() throws Exception {
        String guided = "2\ng\n";
        List<String> inputs = List.of(
                "2\n", guided, guided + "me@example.com\n", guided + "me@example.com\nalerts@example.com\n",
                guided + "me@example.com\nalerts@example.com\npw\n",
                guided + "me@example.com\nalerts@example.com\npw\n95\n",
                guided + "me@example.com\nalerts@example.com\npw\n95\n80\n",
                guided + "me@example.com\nalerts@example.com\npw\n95\n80\nsmtp.example.com\n",
                "4\n", "4\n5\n", "5\n", "5\ny\n");
        try (CronUser user = CronUser.create()) {
            for (String input : inputs) {
                user.tempHome().writeConfig("threshold 99\n");
                user.crontab().write(CrontabText.parse(""));

                Run.Result r = WizardRun.inProcess(user, Map.of("EDITOR", "/bin/true"), input);

                String what = input.replace("\n", "⏎") + ": " + r.both();
                assertEquals(2, r.exitCode(), what);
                assertTrue(r.stderr().contains("md_wizard: no answer (end of input); stopped."), what);
                assertNoStackTrace(r);
                if (input.startsWith("2")) {
                    assertEquals("threshold 99\n", Files.readString(user.tempHome().config()), what);
                }
            }
            user.tempHome().writeConfig("threshold 200\n");
            Run.Result again = WizardRun.inProcess(user, Map.of("EDITOR", "/bin/true"), "2\ne\n");
            assertEquals(2, again.exitCode(), again.both());
            assertTrue(again.stdout().contains("Edit md.conf again? [Y/n] "), again.stdout());
        }
    }
}
