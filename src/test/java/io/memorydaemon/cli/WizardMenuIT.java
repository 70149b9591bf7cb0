// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.schedule.CronLine;
import io.memorydaemon.schedule.CronUser;
import io.memorydaemon.schedule.CrontabText;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The menu driven through its input, in-process, in a temporary HOME, with the built image as the checkout's build
 * and the crontab of a throw-away user: only what never runs the checker (that is {@link WizardCheckerIT}, as the
 * user): menu parsing, bad input, end of input, flags, help.
 */
class WizardMenuIT {
    private static final String MENU = """
            1) Install memory daemon
            2) Edit md.conf
            3) Test memory daemon with dummy trigger
            4) Add crontab for memory daemon
            5) Uninstall memory daemon
            """;
    private static final String OTHERS = "# my jobs\nMAILTO=\"\"\n\n0 3 * * * /usr/bin/backup  --all\n";

    private static Run.Result wizard(CronUser user, Map<String, String> extraEnv, String input, String... args)
            throws Exception {
        return WizardRun.inProcess(user, extraEnv, input, args);
    }

    @Test
    void badInputAsksAgainAnEmptyLineShowsTheMenuAgainAndEndOfInputLeaves() throws Exception {
        try (CronUser user = CronUser.create()) {
            Run.Result r = wizard(user, Map.of(), "9\nabc\n0\n 6\n\n");

            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals(MENU + "#? #? #? #? #? " + MENU + "#? \n", r.stdout());
            assertFalse(Files.exists(user.tempHome().config()), "nothing was run");
            assertEquals("", user.crontabText());
        }
    }

    @Test
    void endOfInputRightAwayLeavesCleanly() throws Exception {
        try (CronUser user = CronUser.create()) {
            Run.Result r = wizard(user, Map.of(), "");
            assertEquals(0, r.exitCode());
            assertEquals(MENU + "#? \n", r.stdout());
        }
    }

    @Test
    void endOfInputInsideAnEntryStopsWithoutChangingAnything() throws Exception {
        try (CronUser user = CronUser.create()) {
            user.tempHome().writeConfig("threshold 99\n");
            user.crontab().write(CrontabText.parse(OTHERS));

            Run.Result r = wizard(user, Map.of(), "4\n");

            assertEquals(2, r.exitCode(), "a question left unanswered, as README's exit codes say: " + r.stderr());
            assertTrue(r.stdout().endsWith("Check the RAM every how many minutes? (1-59) [5]: "), r.stdout());
            assertTrue(r.stderr().startsWith("\nmd_wizard: no answer (end of input); stopped."), r.stderr());
            assertEquals(OTHERS, user.crontabText());
        }
    }

    @Test
    void guidedEditWritesTheAnswersAndKeepsEveryOtherLine() throws Exception {
        try (CronUser user = CronUser.create()) {
            Path template = new ImageRun(user.runAs(), user.home()).image()
                    .resolve("share/memory-daemon/md.conf.template");
            user.tempHome().writeConfig(Files.readString(template) + "avoid ^tmux$\n");

            Run.Result r = wizard(user, Map.of(), "2\ng\nme@example.org\nalerts@example.org\ns3cret pass\n95\n\nsmtp.example.org\n2525\nn\n");

            String conf = Files.readString(user.tempHome().config());
            for (String line : new String[] {"receiver me@example.org", "sender alerts@example.org", "pass s3cret pass",
                "threshold 95", "smtp smtp.example.org", "port 2525", "avoid ^tmux$", "#tls auto"}) {
                assertTrue(conf.contains("\n" + line + "\n"), line + " in\n" + conf);
            }
            assertEquals(Files.readString(template).lines().filter(l -> l.startsWith("# ")).toList(),
                    conf.lines().filter(l -> l.startsWith("# ")).toList(), "comments kept");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(user.tempHome().config())));
            assertTrue(r.stdout().contains(user.tempHome().config() + " is valid: threshold 95%, mail to me@example.org."),
                    r.stdout());
        }
    }

    @Test
    void guidedEditLeavesAnMdConfThatWouldStillNotParseAsItWas() throws Exception {
        try (CronUser user = CronUser.create()) {
            user.tempHome().writeConfig("threshold 90\ncustom_line stays\n");

            Run.Result r = wizard(user, Map.of("EDITOR", "/bin/true"), "2\ng\n\n95\n\n");

            assertEquals(2, r.exitCode(), r.stderr());
            assertTrue(r.stdout().contains(user.tempHome().config() + ":2: unknown key 'custom_line'"), r.stdout());
            assertTrue(r.stdout().contains(user.tempHome().config() + " was not changed;"), r.stdout());
            assertEquals("threshold 90\ncustom_line stays\n", Files.readString(user.tempHome().config()));
        }
    }

    @Test
    void subcommandsRunWithoutQuestions() throws Exception {
        try (CronUser user = CronUser.create()) {
            user.tempHome().writeConfig("threshold 99\n");
            user.crontab().write(CrontabText.parse(OTHERS));
            Path checker = new ImageRun(user.runAs(), user.home()).launcher("mem_daemon");

            Run.Result cron = wizard(user, Map.of(), "", "cron", "--every", "10");
            assertEquals(0, cron.exitCode(), cron.stderr());
            assertTrue(cron.stdout().contains("Note: this line runs the build in "), cron.stdout());
            assertEquals(OTHERS + CronLine.check(checker, user.tempHome().log(), 10) + "\n", user.crontabText());
            assertEquals(2, wizard(user, Map.of(), "", "cron", "--every", "60").exitCode());
            assertEquals(0, wizard(user, Map.of(), "", "cron", "--remove").exitCode());
            assertEquals(OTHERS, user.crontabText());

            Run.Result stuck = wizard(user, Map.of(), "", "cron");
            assertEquals(2, stuck.exitCode());
            assertTrue(stuck.stderr().contains("no answer (end of input)"), stuck.stderr());
        }
    }

    @Test
    void eachSubcommandsHelpSaysWhatItDoes() throws Exception {
        try (CronUser user = CronUser.create()) {
            Map<String, String> headers = Map.of(
                    "install", "Create md.conf, check the needs, install a build into your home.",
                    "edit", "Edit md.conf (editor or guided questions), then check it.",
                    "test", "Dummy-trigger check with a real test mail; kills nothing.",
                    "cron", "Add (or --remove) the crontab line that runs the check.",
                    "watch", "Add (or --remove) the resident watcher (systemd or @reboot).",
                    "uninstall", "Remove what install put in your home; a system package stays.",
                    "status", "Version, md.conf, RAM, dominant process, cron, log, outbox.");
            Run.Result top = wizard(user, Map.of(), "", "--help");
            assertEquals(0, top.exitCode());
            for (var h : headers.entrySet()) {
                Run.Result sub = wizard(user, Map.of(), "", h.getKey(), "--help");
                assertEquals(0, sub.exitCode(), sub.stderr());
                assertTrue(sub.stdout().startsWith(h.getValue() + "\nUsage: md_wizard " + h.getKey() + " "), sub.stdout());
                assertTrue(top.stdout().contains("\n  " + h.getKey() + " ".repeat(11 - h.getKey().length()) + h.getValue()
                        + "\n"), top.stdout());
            }
            assertTrue(wizard(user, Map.of(), "", "status", "--help").stdout()
                    .contains("  2   shown; md.conf is missing ('md_wizard install' creates it) or not valid"));
            assertFalse(Files.exists(user.tempHome().config()), "help changes nothing");
        }
    }
}
