// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.check.Notice;
import io.memorydaemon.check.NoticeWriter;
import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.MailServer;
import io.memorydaemon.testing.MailServer.Flavour;
import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import io.memorydaemon.testing.TlsFiles;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Mail from the linked image, run as an ordinary user ({@code nobody} under root): proves Angus Mail's SMTP provider, STARTTLS with certificate
 * checks and AUTH work inside the jlink runtime. Every run may only ever choose the test's own hog.
 */
class MailImageIT {
    private static final String RECEIVER = "owner@example.test";
    private final RunAs user = RunAs.checkerUser();
    private TempHome home;

    @BeforeEach
    void setUp() throws Exception {
        home = new TempHome(user);
    }

    @AfterEach
    void tearDown() throws Exception {
        home.close();
    }

    @Test
    void aRealKillMailsTheNoticeOverStartTlsWithAuth() throws Exception {
        try (MailServer server = MailServer.start(Flavour.STARTTLS); Hog hog = Hog.dominant(user, false)) {
            home.writeConfig(onlyThe(hog) + server.mailConfig(RECEIVER));

            Run.Result r = run("check");

            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(hog.waitFor(10) >= 0, "the hog must be gone");
            MimeMessage m = server.awaitMessages(1).get(0);
            assertEquals("[Process Termination Notification] " + hog.path(), m.getSubject());
            String body = (String) m.getContent();
            assertTrue(body.lines().anyMatch(l -> l.matches("\\s+" + hog.pid() + "\\s+" + user.user() + "\\s.*")), body);
            assertTrue(body.contains("User:    " + user.user()), body);
            assertTrue(body.contains("sent SIGTERM and exited"), body);
            assertTrue(home.readLog().contains("action=killed pid=" + hog.pid() + " user=" + user.user()), home.readLog());
            assertTrue(home.readLog().contains("mail=sent"), home.readLog());
        }
    }

    @Test
    void anotherUsersHogIsOnlyWarnedAboutByMail() throws Exception {
        Root.assume("run a second user's process");
        try (MailServer server = MailServer.start(Flavour.STARTTLS);
             Hog theirs = Hog.dominant(RunAs.lookup("root"), false)) {
            home.writeConfig(onlyThe(theirs) + server.mailConfig(RECEIVER));

            Run.Result r = run("check");

            assertEquals(0, r.exitCode(), r.stderr());
            MimeMessage m = server.awaitMessages(1).get(0);
            assertEquals("[RAM Threshold Notification] " + theirs.path(), m.getSubject());
            String body = (String) m.getContent();
            assertTrue(body.lines().anyMatch(l -> l.matches("\\s+" + theirs.pid() + "\\s+root\\s.*")), body);
            assertTrue(body.contains("User:    root"), body);
            assertTrue(home.readLog().contains("action=warned reason=other-user pid=" + theirs.pid() + " user=root"), home.readLog());
            assertTrue(theirs.isAlive(), "another user's process is never signalled");
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"STARTTLS", "SSL"})
    void theDummyTriggerMailsATestAndKillsNothing(Flavour flavour) throws Exception {
        try (MailServer server = MailServer.start(flavour); Hog hog = Hog.dominant(user, false)) {
            home.writeConfig(onlyThe(hog) + server.mailConfig(RECEIVER));

            Run.Result r = run("check", "--test");

            assertEquals(0, r.exitCode(), r.stderr());
            MimeMessage m = server.awaitMessages(1).get(0);
            assertTrue(m.getSubject().startsWith("[Process Termination Notification] "), m.getSubject());
            assertTrue(m.getSubject().endsWith(NoticeWriter.TEST_MARK), m.getSubject());
            assertTrue(((String) m.getContent()).startsWith("THIS IS A TEST"));
            assertTrue(hog.isAlive(), "a test must not kill");
        }
    }

    @Test
    void aMailThatCannotBeSentIsKeptTheCheckFailsAndTheNextRunDeliversIt() throws Exception {
        try (Hog hog = Hog.dominant(user, false)) {
            int down = MailServer.unusedPort();
            home.writeConfig(onlyThe(hog) + MailServer.mailLines(RECEIVER, MailServer.PASSWORD, down, "starttls"));

            Run.Result failed = run("check");

            assertEquals(1, failed.exitCode(), "a kept mail is a runtime failure: " + failed.stderr());
            assertTrue(hog.waitFor(10) >= 0, "the hog is killed whatever the mail does");
            assertTrue(failed.stderr().contains("retried on the next run"), failed.stderr());
            List<Path> kept = kept();
            assertEquals(1, kept.size());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept.get(0))));
            assertEquals(user.user(), Files.getOwner(kept.get(0)).getName());

            // the hog is gone: under the threshold from now on, nothing new to report
            home.writeConfig("threshold 99\n" + MailServer.mailLines(RECEIVER, MailServer.PASSWORD, down, "starttls"));
            Run.Result stillDown = run("check");

            assertEquals(1, stillDown.exitCode(), "the retry failed too: " + stillDown.stderr());
            assertTrue(stillDown.stderr().contains("still not sent"), stillDown.stderr());
            assertEquals(1, kept().size(), "nothing new to report: the hog is gone");

            try (MailServer server = MailServer.start(Flavour.STARTTLS)) {
                home.writeConfig("threshold 99\n" + server.mailConfig(RECEIVER));

                Run.Result later = run("check");

                assertEquals(0, later.exitCode(), later.stderr());
                MimeMessage m = server.awaitMessages(1).get(0);
                assertTrue(m.getSubject().startsWith(Notice.KILL_SUBJECT), m.getSubject());
                assertEquals(List.of(), kept());
                assertTrue(home.readLog().contains("accepted by 127.0.0.1:" + server.port()), home.readLog());
            }
        }
    }

    @Test
    void aTestMailThatCannotBeSentIsNeverKept() throws Exception {
        try (Hog hog = Hog.dominant(user, false)) {
            home.writeConfig(onlyThe(hog) + MailServer.mailLines(RECEIVER, MailServer.PASSWORD,
                    MailServer.unusedPort(), "none"));

            Run.Result r = run("check", "--test");

            assertEquals(1, r.exitCode(), r.stderr());
            assertEquals(List.of(), kept(), "a test mail delivered hours later would only confuse");
            assertTrue(hog.isAlive(), "a test must not kill");
        }
    }

    /** Settings that make the test's own hog the only process any run may choose. */
    private static String onlyThe(Hog hog) {
        return hog.victimConfig() + "grace 5\n";
    }

    private Run.Result run(String... args) throws Exception {
        return new ImageRun(user, home.home()).env("MD_JAVA_OPTS", TlsFiles.get().javaOptions())
                .run("mem_daemon", args);
    }

    private List<Path> kept() throws Exception {
        Path outbox = home.configDir().resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(p -> p.toString().endsWith(".eml")).toList();
        }
    }
}
