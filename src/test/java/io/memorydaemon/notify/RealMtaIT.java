// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.check.Deadline;
import io.memorydaemon.check.Mailer.Delivery;
import io.memorydaemon.check.Notice;
import io.memorydaemon.config.AppPaths;
import io.memorydaemon.config.Config.MailSettings;
import io.memorydaemon.config.ConfigParser;
import io.memorydaemon.testing.Exim;
import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.PrivateCa;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail against a real MTA (exim, started by the test as root, on loopback): what a provider's server takes, read
 * back from the mailbox it delivered to. Skipped, saying why, without root or exim.
 */
class RealMtaIT {
    private static final Notice NOTICE = new Notice(Notice.Kind.KILL,
            Notice.KILL_SUBJECT + "/opt/bücher/run", "Dear user,\nPID: 4242\n");

    @TempDir
    Path dir;

    @Test
    void aKillFromCronsBareEnvironmentIsMailedOverStartTlsWithAuthTrustingCaFile() throws Exception {
        RunAs user = RunAs.checkerUser();
        try (Exim exim = Exim.start(true); TempHome home = new TempHome(user); Hog hog = Hog.dominant(user, false)) {
            home.writeConfig(hog.victimConfig() + exim.mailLines("owner@example.test"));

            // the environment cron gives: no MD_JAVA_OPTS, no trust store; only md.conf says whom to trust
            Run.Result r = new ImageRun(user, home.home()).run("mem_daemon", "check");

            assertEquals(0, r.exitCode(), r.both() + home.readLog());
            assertTrue(hog.waitFor(10) >= 0, "the hog must be gone");
            List<String> box = exim.awaitMailbox("owner", 1);
            assertEquals(1, box.size(), exim.mainLog());
            MimeMessage m = parse(box.get(0));
            assertEquals("[Process Termination Notification] " + hog.path(), m.getSubject());
            String log = exim.awaitLog("Completed");
            assertTrue(log.matches("(?s).* <= md@example\\.test .*X=TLS\\S* .*A=(plain|login):md@example\\.test .*"),
                    log);
            assertTrue(home.readLog().contains("mail=sent"), home.readLog());
        }
    }

    @Test
    void implicitTlsDeliversAndTheMailboxShowsTheHeadersProvidersWant() throws Exception {
        try (Exim exim = Exim.start(true)) {
            Delivery d = mailer(exim.mailLines("owner@example.test").replace("port " + exim.port(),
                    "port " + exim.smtpsPort()) + "tls ssl\n").send(NOTICE, budget()).get(0);

            assertTrue(d.sent(), d.detail());
            String raw = exim.awaitMailbox("owner", 1).get(0);
            MimeMessage m = parse(raw);
            assertTrue(m.getMessageID().matches("<[0-9a-f-]{36}@example\\.test>"), m.getMessageID());
            assertEquals("auto-generated", m.getHeader("Auto-Submitted", null));
            assertEquals(new InternetAddress(Exim.SENDER, "Memory Daemon"), m.getFrom()[0]);
            assertTrue(raw.contains("\nSubject: [Process Termination Notification] =?UTF-8?Q?"), raw);
            assertEquals(NOTICE.subject(), m.getSubject());
            assertTrue(m.getHeader("Received", "\n").contains("helo=example.test"), "EHLO names the sender's domain"
                    + " when the host name has no dot: " + m.getHeader("Received", "\n"));
            assertTrue(m.getHeader("Return-path", null).contains("<md@example.test>"), "the envelope is the bare"
                    + " address");
            assertTrue(exim.awaitLog("Completed").contains(" X=TLS"), exim.mainLog());
        }
    }

    @Test
    void oneReceiverRefusedOfTwoIsNamedAndTheOtherGetsTheNotice() throws Exception {
        try (Exim exim = Exim.start(true)) {
            Delivery d = mailer(exim.mailLines("owner@example.test, gone@example.test")).send(NOTICE, budget())
                    .get(0);

            assertEquals(1, exim.awaitMailbox("owner", 1).size(), exim.mainLog());
            assertFalse(d.sent(), d.detail());
            assertTrue(d.givenUp(), d.detail());
            assertTrue(d.detail().contains("gone@example.test (550 no such user here) refused; check 'receiver' in"
                    + " md.conf"), d.detail());
            assertEquals(List.of(), new Outbox(dir.resolve("outbox")).list());
        }
    }

    @Test
    void aServerWithoutStartTlsNeverSeesThePassword() throws Exception {
        try (Exim exim = Exim.start(false)) {
            Delivery d = mailer(exim.mailLines("owner@example.test")).send(NOTICE, budget()).get(0);

            assertFalse(d.sent(), d.detail());
            assertTrue(d.detail().contains("does not offer STARTTLS, which 'tls auto' requires with a password"),
                    d.detail());
            String log = exim.awaitLog(" C="); // the line exim writes when the client has gone
            assertTrue(log.contains("C=EHLO"), "the session ended after EHLO: " + log);
            assertFalse(log.contains("AUTH") || log.contains("A=plain") || log.contains("A=login"), log);
            assertEquals(List.of(), exim.awaitMailbox("owner", 0));
        }
    }

    @Test
    void withoutCaFileTheHandshakeFailureNamesIt() throws Exception {
        try (Exim exim = Exim.start(true)) {
            String lines = exim.mailLines("owner@example.test").replace("ca_file " + PrivateCa.get().caPem(), "");
            Delivery d = mailer(lines).send(NOTICE, budget()).get(0);

            assertFalse(d.sent(), d.detail());
            assertTrue(d.detail().contains("the TLS handshake failed") && d.detail().contains("'ca_file'"),
                    d.detail());
        }
    }

    private static MimeMessage parse(String raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private static Deadline budget() {
        return Deadline.in(Duration.ofMinutes(2));
    }

    private SmtpMailer mailer(String mailLines) throws Exception {
        Path conf = dir.resolve("md.conf");
        Files.writeString(conf, "threshold 90\n" + mailLines);
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
        MailSettings s = new ConfigParser(new AppPaths(dir), dir).parse(conf).mail().orElseThrow();
        return new SmtpMailer(s, new Outbox(dir.resolve("outbox")), "test-host", Map.of("PATH", "/usr/bin:/bin"));
    }
}
