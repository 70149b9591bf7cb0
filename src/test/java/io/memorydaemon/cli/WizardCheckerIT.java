// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import static io.memorydaemon.cli.WizardRun.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.schedule.CronLine;
import io.memorydaemon.schedule.CronUser;
import io.memorydaemon.schedule.CrontabText;
import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.MailServer;
import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The menu entries and subcommands that run the checker (3 / test, status), through a launcher as a throw-away
 * ordinary user with the answers on stdin, so they decide what that user's own run would. Every check is limited
 * by prefer/avoid to the test's own hog.
 */
class WizardCheckerIT {
    private static final String OTHERS = "# my jobs\nMAILTO=\"\"\n\n0 3 * * * /usr/bin/backup  --all\n";

    @Test
    void aNewUserGoesThroughEveryEntry() throws Exception {
        try (CronUser user = CronUser.create(); Hog hog = Hog.dominant(user.runAs(), false)) {
            Path home = user.home();
            Path build = WizardRun.userBuild(user);
            Files.createDirectories(home.resolve("bin"));
            Files.writeString(home.resolve("bin/mem_daemon"), "#!/bin/bash\n# the original tool\n");
            Files.writeString(home.resolve("bin/mem_daemon_mail"), "#!/usr/bin/env python3\n");
            Path ownScript = Files.writeString(Files.createDirectories(home.resolve(".local/bin")).resolve("backup.sh"), "\n");
            String legacy = "*/3 * * * * " + home + "/bin/mem_daemon 0 1 >> " + home + "/.config/mem_daemon/tmp.log";
            user.crontab().write(CrontabText.parse(OTHERS + legacy + "\n"));
            Path checker = home.resolve(".local/bin/mem_daemon");
            Path log = user.tempHome().log();

            // 1) install: copies the build, creates md.conf, replaces the original tool
            Run.Result install = WizardRun.launcher(build, user, Map.of(), "1\ny\n");
            assertEquals(0, install.exitCode(), install.stderr());
            assertTrue(install.stdout().contains("Copied the build at "), install.stdout());
            assertTrue(install.stdout().contains("Found the original memory-daemon shell tool:\n  " + home + "/bin/mem_daemon\n"),
                    install.stdout());
            assertTrue(install.stdout().contains("Checked: " + checker + " runs (memory-daemon "), install.stdout());
            assertFalse(Files.exists(home.resolve("bin/mem_daemon")));
            assertFalse(Files.exists(home.resolve("bin/mem_daemon_mail")));
            assertEquals(OTHERS + CronLine.check(checker, log, 3) + "\n", user.crontabText());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(user.tempHome().config())));

            // 2) edit: the editor first leaves a bad md.conf, the wizard shows the error and the user edits again
            Path editor = Files.writeString(home.resolve("editor.sh"), """
                    n=$(cat "$0.count" 2>/dev/null || echo 0); echo $((n + 1)) > "$0.count"
                    if [ "$n" = 0 ]; then printf 'threshold 150\\n' > "$1"
                    else printf '# edited\\nthreshold 99\\n%s' > "$1"; fi
                    """.formatted(hog.onlyCandidate().replace("\n", "\\n")));
            Run.Result edit = WizardRun.launcher(build, user, Map.of("VISUAL", "sh " + editor), "2\ne\n\n");
            assertEquals(0, edit.exitCode(), edit.stderr());
            assertTrue(edit.stdout().contains(user.tempHome().config() + ":1: 'threshold' must be a number from 1 to 99"
                    + " (decimals allowed), not '150'"), edit.stdout());
            assertTrue(edit.stdout().contains("Edit md.conf again? [Y/n] "), edit.stdout());
            assertTrue(edit.stdout().contains(" is valid: threshold 99%, mail off."), edit.stdout());
            assertEquals("2", Files.readString(Path.of(editor + ".count")).strip());

            // 3) test: the dummy trigger picks the hog (the only candidate), which is the user's: a real run kills it
            Run.Result test = WizardRun.launcher(build, user, Map.of(), "3\n");
            assertEquals(0, test.exitCode(), test.stderr());
            assertTrue(test.stdout().contains("threshold=0% action=would-kill test=yes pid=" + hog.pid() + " user=" + user.name()),
                    test.stdout());
            assertTrue(test.stdout().contains("A real run over the threshold would TERMINATE pid " + hog.pid() + " ("
                    + hog.name() + ", "), test.stdout());
            assertTrue(test.stdout().contains("To be told by mail, set receiver"), test.stdout());
            assertTrue(hog.isAlive(), "nothing is killed by the test entry");

            // 4) cron: every 7 minutes, and the watcher, which falls back to @reboot without systemd
            Run.Result cron = WizardRun.launcher(build, user, Map.of(), "4\n7\ny\n");
            assertEquals(0, cron.exitCode(), cron.stderr());
            assertEquals(OTHERS + CronLine.check(checker, log, 7) + "\n" + CronLine.watch(checker, log) + "\n",
                    user.crontabText());
            assertTrue(cron.stdout().contains("  " + CronLine.check(checker, log, 7) + "\n"), cron.stdout());
            // the @reboot line would wait for the next boot: the wizard starts the watcher now, as the user
            assertTrue(cron.stdout().contains("Started the watcher now (pid "), cron.stdout());
            assertTrue(user.tempHome().awaitLog("watch=started", 30), user.tempHome().readLog());
            assertEquals(1, watchers(user), "one watcher, the user's own");

            Run.Result status = WizardRun.launcher(build, user, Map.of(), "", "status");
            assertEquals(0, status.exitCode(), status.stderr());
            assertTrue(status.stdout().contains("config:    " + user.tempHome().config() + " (valid, mail off)"), status.stdout());
            assertTrue(status.stdout().contains("cron:      every 7 min: "), status.stdout());
            assertTrue(status.stdout().contains("dominant:  pid " + hog.pid() + " (" + hog.name() + ", "),
                    status.stdout());
            assertTrue(status.stdout().contains(" of " + user.name() + "\n           A real run over the threshold would"
                    + " TERMINATE pid " + hog.pid() + " "), status.stdout());
            assertTrue(status.stdout().contains("outbox:    0 mails waiting"), status.stdout());

            // 5) uninstall with the defaults: crontab line and watcher removed, md.conf kept
            Run.Result uninstall = WizardRun.launcher(build, user, Map.of(), "5\n\n\n");
            assertEquals(0, uninstall.exitCode(), uninstall.stderr());
            assertEquals(OTHERS, user.crontabText());
            assertFalse(Files.exists(home.resolve(".local/share")), "install made it, uninstall took it away");
            assertTrue(uninstall.stdout().contains("Removed " + home.resolve(".local/share") + " (empty; install had created it)"),
                    uninstall.stdout());
            assertTrue(Files.exists(ownScript), "the user's own ~/.local/bin stays");
            assertFalse(Files.exists(checker, LinkOption.NOFOLLOW_LINKS));
            assertTrue(Files.readString(user.tempHome().config()).startsWith("# edited\nthreshold 99\n"));
            assertTrue(uninstall.stdout().contains("Left " + user.tempHome().configDir() + " (md.conf"), uninstall.stdout());
            assertTrue(uninstall.stdout().contains("Stopped the running watcher (pid "), uninstall.stdout());
            assertTrue(user.tempHome().readLog().contains(" watch=stopped"), user.tempHome().readLog());
            assertEquals(0, watchers(user));
            assertTrue(hog.isAlive());
        }
    }

    /** The user's running {@code mem_daemon watch} JVMs. */
    private static int watchers(CronUser user) throws Exception {
        return user.running("io.memorydaemon.cli.MemDaemon watch");
    }

    @Test
    void anotherUsersDominantProcessIsOnlyWarnedAbout() throws Exception {
        Root.assume("run a second user's process");
        try (CronUser user = CronUser.create()) {
            Hog hog = Hog.dominant(RunAs.lookup("root"), false);
            try {
                user.tempHome().writeConfig("threshold 99\n" + hog.onlyCandidate());

                Run.Result test = image(user, Map.of(), "", "test");

                assertEquals(0, test.exitCode(), test.stderr());
                assertTrue(test.stdout().contains("threshold=0% action=would-warn reason=other-user test=yes pid=" + hog.pid() + " user=root "),
                        test.stdout());
                assertTrue(test.stdout().contains("A real run over the threshold would only WARN about pid " + hog.pid()
                        + " (" + hog.name() + ", "), test.stdout());
                assertTrue(test.stdout().contains("it belongs to root, and memory-daemon never kills another user's process."),
                        test.stdout());
                assertFalse(test.stdout().contains("TERMINATE"), test.stdout());

                Run.Result status = image(user, Map.of(), "", "status");
                assertEquals(0, status.exitCode(), status.stderr());
                assertTrue(status.stdout().contains("dominant:  pid " + hog.pid() + " (" + hog.name() + ", "),
                        status.stdout());
                assertTrue(status.stdout().contains(" of root\n           A real run over the threshold would only WARN"
                        + " about pid " + hog.pid() + " "), status.stdout());
                assertTrue(hog.isAlive(), "the wizard signalled nothing");
            } finally {
                hog.close();
            }
            assertFalse(hog.isAlive(), "the test ended its own hog");
        }
    }

    @Test
    void aTestMailToADeadServerIsReportedWithTheReasonAndNotLeftForRetry() throws Exception {
        int closedPort = MailServer.unusedPort();

        String out = refusedTestMail(MailServer.mailLines("me@example.org", "s3cret", closedPort, "none"));

        assertTrue(out.contains("The test mail was NOT accepted: mail not sent via 127.0.0.1:" + closedPort + " ("), out);
        assertTrue(out.contains("Connection refused"), out);
        assertTrue(out.contains("; check smtp, port and tls in md.conf.\n"), out);
    }

    @Test
    void aTestMailTheServerRejectsIsReportedInTheServersWords() throws Exception {
        try (MailServer smtp = MailServer.start(MailServer.Flavour.PLAIN)) {
            String out = refusedTestMail(smtp.mailConfig("me@example.org", "wrong-" + MailServer.PASSWORD));

            assertTrue(out.contains("The test mail was NOT accepted: mail not sent: 127.0.0.1:" + smtp.port()
                    + " rejected the login of " + MailServer.SENDER + " ("), out);
            assertTrue(out.contains("; check 'pass' (or pass_file/pass_command) in md.conf.\n"), out);
            assertEquals(List.of(), smtp.received());
        }
    }

    /** Entry 3 as the user with md.conf's mail lines; the mail fails: exit 1, nothing killed, nothing kept. */
    private static String refusedTestMail(String mailLines) throws Exception {
        try (CronUser user = CronUser.create(); Hog hog = Hog.dominant(user.runAs(), false)) {
            user.tempHome().writeConfig("threshold 99\n" + mailLines + hog.onlyCandidate());

            Run.Result r = image(user, Map.of(), "3\n");

            assertEquals(1, r.exitCode(), r.stdout());
            assertTrue(r.stdout().contains("action=would-kill test=yes pid=" + hog.pid() + " user=" + user.name()), r.stdout());
            assertTrue(r.stderr().contains("mail not sent"), r.stderr());
            assertFalse(r.stdout().contains("kept in"), r.stdout());
            assertTrue(r.stdout().contains("A test mail is never kept for a later run."), r.stdout());
            Path outbox = user.tempHome().configDir().resolve("outbox");
            assertTrue(!Files.exists(outbox) || Files.list(outbox).findAny().isEmpty(), "no test mail left to retry");
            assertTrue(hog.isAlive());
            return r.stdout();
        }
    }

    @Test
    void statusWithoutMdConfSaysHowToCreateItAndExitsTwo() throws Exception {
        try (CronUser user = CronUser.create()) {
            Run.Result status = image(user, Map.of(), "", "status");

            assertEquals(2, status.exitCode(), status.stderr());
            assertTrue(status.stdout().contains("\nconfig:    " + user.tempHome().config()
                    + " (missing; 'md_wizard install' creates it)\nmemory:    "), status.stdout());
        }
    }
}
