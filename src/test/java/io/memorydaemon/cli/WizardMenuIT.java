// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.app.Environment;
import io.memorydaemon.cli.wizard.Prompter;
import io.memorydaemon.cli.wizard.WizardSession;
import io.memorydaemon.install.Origin;
import io.memorydaemon.schedule.CronLine;
import io.memorydaemon.schedule.CronUser;
import io.memorydaemon.schedule.CrontabText;
import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.ImageRun;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The menu driven through its input, in-process, in a temporary HOME, with the built image as the checkout's build
 * and the crontab of a throw-away user.
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

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) { }

    private static Run wizard(CronUser user, Map<String, String> extraEnv, String input, String... args) throws Exception {
        Map<String, String> vars = new LinkedHashMap<>(Map.of("HOME", user.home().toString(), "PATH", "/usr/bin:/bin",
                "XDG_RUNTIME_DIR", Files.createDirectories(user.home().resolve("run")).toString()));
        vars.putAll(extraEnv);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment env = new Environment(vars, new PrintWriter(out, true), new PrintWriter(err, true));
        Path image = new ImageRun(user.runAs(), user.home()).image();
        WizardSession session = new WizardSession(env, Prompter.plain(new BufferedReader(new StringReader(input)), env.out()),
                new Origin(Optional.of(image), Optional.of(image.resolve("bin/md_wizard"))), user.crontab());
        int rc = Wizard.run(session, args);
        return new Run(rc, out.toString(), err.toString());
    }

    @Test
    void badInputAsksAgainAnEmptyLineShowsTheMenuAgainAndEndOfInputLeaves() throws Exception {
        try (CronUser user = CronUser.create()) {
            Run r = wizard(user, Map.of(), "9\nabc\n0\n 6\n\n");

            assertEquals(0, r.exitCode(), r.err());
            assertEquals(MENU + "#? #? #? #? #? " + MENU + "#? \n", r.out());
            assertFalse(Files.exists(user.tempHome().config()), "nothing was run");
            assertEquals("", user.crontabText());
        }
    }

    @Test
    void endOfInputRightAwayLeavesCleanly() throws Exception {
        try (CronUser user = CronUser.create()) {
            Run r = wizard(user, Map.of(), "");
            assertEquals(0, r.exitCode());
            assertEquals(MENU + "#? \n", r.out());
        }
    }

    @Test
    void aNewUserGoesThroughEveryEntry() throws Exception {
        try (CronUser user = CronUser.create(); Hog hog = Hog.start(user.runAs(), Files.createTempDirectory("md-hog"), 64, false)) {
            Path home = user.home();
            Files.createDirectories(home.resolve("bin"));
            Files.writeString(home.resolve("bin/mem_daemon"), "#!/bin/bash\n# the original tool\n");
            Files.writeString(home.resolve("bin/mem_daemon_mail"), "#!/usr/bin/env python3\n");
            String legacy = "*/3 * * * * " + home + "/bin/mem_daemon 0 1 >> " + home + "/.config/mem_daemon/tmp.log";
            user.crontab().write(CrontabText.parse(OTHERS + legacy + "\n"));
            Path checker = home.resolve(".local/bin/mem_daemon");
            Path log = user.tempHome().log();

            // 1) install: copies the build, creates md.conf, replaces the original tool
            Run install = wizard(user, Map.of(), "1\ny\n");
            assertEquals(0, install.exitCode(), install.err());
            assertTrue(install.out().contains("Copied the build at "), install.out());
            assertTrue(install.out().contains("Found the original memory-daemon shell tool:\n  " + home + "/bin/mem_daemon\n"),
                    install.out());
            assertTrue(install.out().contains("Checked: " + checker + " runs (memory-daemon "), install.out());
            assertFalse(Files.exists(home.resolve("bin/mem_daemon")));
            assertFalse(Files.exists(home.resolve("bin/mem_daemon_mail")));
            assertEquals(OTHERS + CronLine.check(checker, log, 3) + "\n", user.crontabText());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(user.tempHome().config())));

            // 2) edit: the editor first leaves a bad md.conf, the wizard shows the error and the user edits again
            Path editor = Files.writeString(home.resolve("editor.sh"), """
                    n=$(cat "$0.count" 2>/dev/null || echo 0); echo $((n + 1)) > "$0.count"
                    if [ "$n" = 0 ]; then printf 'threshold 150\\n' > "$1"
                    else printf '# edited\\nthreshold 99\\nprefer ^%1$s$\\navoid ^(?!%1$s$)\\n' > "$1"; fi
                    """.formatted(hog.name()));
            Run edit = wizard(user, Map.of("VISUAL", "sh " + editor), "2\ne\n\n");
            assertEquals(0, edit.exitCode(), edit.err());
            assertTrue(edit.out().contains(user.tempHome().config() + ":1: 'threshold' must be a whole number from 1 to 99,"
                    + " not '150'"), edit.out());
            assertTrue(edit.out().contains("Edit md.conf again? [Y/n] "), edit.out());
            assertTrue(edit.out().contains(" is valid: threshold 99%, mail off."), edit.out());
            assertEquals("2", Files.readString(Path.of(editor + ".count")).strip());

            // 3) test: the dummy trigger picks the hog (the only candidate), kills nothing
            Run test = wizard(user, Map.of(), "3\n");
            assertEquals(0, test.exitCode(), test.err());
            assertTrue(test.out().contains("threshold=0% action=would-warn pid=" + hog.pid() + " user=" + user.name()),
                    test.out());
            assertTrue(hog.isAlive(), "nothing is killed by the test entry");

            // 4) cron: every 7 minutes, and the watcher, which falls back to @reboot without systemd
            Run cron = wizard(user, Map.of(), "4\n7\ny\n");
            assertEquals(0, cron.exitCode(), cron.err());
            assertEquals(OTHERS + CronLine.check(checker, log, 7) + "\n" + CronLine.watch(checker, log) + "\n",
                    user.crontabText());
            assertTrue(cron.out().contains("  " + CronLine.check(checker, log, 7) + "\n"), cron.out());

            Run status = wizard(user, Map.of(), "", "status");
            assertTrue(status.out().contains("config:    " + user.tempHome().config() + " (valid, mail off)"), status.out());
            assertTrue(status.out().contains("cron:      every 7 min: "), status.out());
            assertTrue(status.out().contains("dominant:  pid " + hog.pid() + " " + user.name()), status.out());
            assertTrue(status.out().contains("outbox:    0 mails waiting"), status.out());

            // 5) uninstall with the defaults: crontab line and watcher removed, md.conf kept
            Run uninstall = wizard(user, Map.of(), "5\n\n\n");
            assertEquals(0, uninstall.exitCode(), uninstall.err());
            assertEquals(OTHERS, user.crontabText());
            assertFalse(Files.exists(home.resolve(".local/share/memory-daemon")));
            assertFalse(Files.exists(checker, java.nio.file.LinkOption.NOFOLLOW_LINKS));
            assertTrue(Files.readString(user.tempHome().config()).startsWith("# edited\nthreshold 99\n"));
            assertTrue(uninstall.out().contains("Left " + user.tempHome().configDir() + " (md.conf"), uninstall.out());
            assertTrue(hog.isAlive());
        }
    }

    @Test
    void endOfInputInsideAnEntryStopsWithoutChangingAnything() throws Exception {
        try (CronUser user = CronUser.create()) {
            user.tempHome().writeConfig("threshold 99\n");
            user.crontab().write(CrontabText.parse(OTHERS));

            Run r = wizard(user, Map.of(), "4\n");

            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().endsWith("Check the RAM every how many minutes? (1-59) [5]: \nEnd of input: stopped.\n"),
                    r.out());
            assertEquals(OTHERS, user.crontabText());
        }
    }

    @Test
    void guidedEditWritesTheAnswersAndKeepsEveryOtherLine() throws Exception {
        try (CronUser user = CronUser.create()) {
            Path template = new ImageRun(user.runAs(), user.home()).image()
                    .resolve("share/memory-daemon/md.conf.template");
            user.tempHome().writeConfig(Files.readString(template) + "custom_line stays\n");

            Run r = wizard(user, Map.of(), "2\ng\nme@example.org\nalerts@example.org\ns3cret pass\n95\nsmtp.example.org\n2525\nn\n");

            String conf = Files.readString(user.tempHome().config());
            for (String line : new String[] {"receiver me@example.org", "sender alerts@example.org", "pass s3cret pass",
                "threshold 95", "smtp smtp.example.org", "port 2525", "custom_line stays", "#tls auto"}) {
                assertTrue(conf.contains("\n" + line + "\n"), line + " in\n" + conf);
            }
            assertEquals(Files.readString(template).lines().filter(l -> l.startsWith("# ")).toList(),
                    conf.lines().filter(l -> l.startsWith("# ")).toList(), "comments kept");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(user.tempHome().config())));
            assertTrue(r.out().contains("md.conf:"), "custom_line is an unknown key, shown with its line: " + r.out());
            assertTrue(r.out().contains("unknown key 'custom_line'"), r.out());
        }
    }

    @Test
    void subcommandsRunWithoutQuestions() throws Exception {
        try (CronUser user = CronUser.create()) {
            user.tempHome().writeConfig("threshold 99\n");
            user.crontab().write(CrontabText.parse(OTHERS));
            Path checker = new ImageRun(user.runAs(), user.home()).launcher("mem_daemon");

            Run cron = wizard(user, Map.of(), "", "cron", "--every", "10");
            assertEquals(0, cron.exitCode(), cron.err());
            assertTrue(cron.out().contains("Note: this line runs the build in "), cron.out());
            assertEquals(OTHERS + CronLine.check(checker, user.tempHome().log(), 10) + "\n", user.crontabText());
            assertEquals(2, wizard(user, Map.of(), "", "cron", "--every", "60").exitCode());
            assertEquals(0, wizard(user, Map.of(), "", "cron", "--remove").exitCode());
            assertEquals(OTHERS, user.crontabText());

            Run stuck = wizard(user, Map.of(), "", "cron");
            assertEquals(2, stuck.exitCode());
            assertTrue(stuck.err().contains("no answer (end of input)"), stuck.err());

            Run help = wizard(user, Map.of(), "", "--help");
            for (String sub : new String[] {"install", "edit", "test", "cron", "watch", "uninstall", "status"}) {
                assertTrue(help.out().contains("\n  " + sub + " "), sub + " in\n" + help.out());
            }
        }
    }

    @Test
    void aTestMailTheServerRefusesIsReportedAndNotLeftForRetry() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (CronUser user = CronUser.create(); Hog hog = Hog.start(user.runAs(), Files.createTempDirectory("md-hog"), 64, false)) {
            user.tempHome().writeConfig("threshold 99\nreceiver me@example.org\nsender alerts@example.org\nsmtp 127.0.0.1\n"
                    + "port " + closedPort + "\ntls none\nprefer ^" + hog.name() + "$\navoid ^(?!" + hog.name() + "$)\n");

            Run r = wizard(user, Map.of(), "3\n");

            assertEquals(1, r.exitCode());
            assertTrue(r.out().contains("action=would-warn pid=" + hog.pid()), r.out());
            assertTrue(r.err().contains("mail not sent via 127.0.0.1:" + closedPort), r.err());
            assertTrue(r.out().contains("The test mail was NOT accepted"), r.out());
            Path outbox = user.tempHome().configDir().resolve("outbox");
            assertTrue(!Files.exists(outbox) || Files.list(outbox).findAny().isEmpty(), "no test mail left to retry");
            assertTrue(hog.isAlive());
        }
    }
}
