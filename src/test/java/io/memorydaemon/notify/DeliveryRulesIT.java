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
import io.memorydaemon.testing.PrivateCa;
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

/** What a mail looks like and who gets it, against a scripted server: headers, refused receivers, no AUTH in clear. */
class DeliveryRulesIT {
    private static final Notice NOTICE = new Notice(Notice.Kind.KILL,
            Notice.KILL_SUBJECT + "/opt/bücher/run", "Dear user,\nPID: 4242\n");

    @TempDir
    Path dir;

    @Test
    void theNoticeCarriesTheHeadersProvidersAskFor() throws Exception {
        try (PickySmtpServer server = new PickySmtpServer("never")) {
            Delivery d = mailer(server, "ok@example.test", "\"Memory Daemon\" <md@example.test>", "")
                    .send(NOTICE, budget()).get(0);

            assertTrue(d.sent(), d.detail());
            String text = server.accepted().get(0);
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
            assertTrue(m.getMessageID().matches("<[0-9a-f-]{36}@example\\.test>"), m.getMessageID());
            assertEquals("auto-generated", m.getHeader("Auto-Submitted", null));
            assertEquals(new InternetAddress("md@example.test", "Memory Daemon"), m.getFrom()[0]);
            assertTrue(m.getHeader("Subject", null).startsWith("[Process Termination Notification] =?UTF-8?Q?"),
                    m.getHeader("Subject", null));
            assertEquals(NOTICE.subject(), m.getSubject());
            assertTrue(server.commands().contains("EHLO example.test"), "no dot in 'test-host': "
                    + server.commands());
            assertTrue(server.commands().contains("MAIL FROM:<md@example.test>"), server.commands().toString());
        }
    }

    @Test
    void aReceiverRefusedForGoodIsNamedAndTheOtherGetsTheNotice() throws Exception {
        try (PickySmtpServer server = new PickySmtpServer("never")) {
            Delivery d = mailer(server, "ok@example.test, gone@example.test", "md@example.test", "")
                    .send(NOTICE, budget()).get(0);

            assertEquals(List.of(List.of("ok@example.test")), server.envelopes());
            assertFalse(d.sent(), d.detail());
            assertTrue(d.givenUp(), "not retried for ever: " + d.detail());
            assertTrue(d.detail().startsWith("mail accepted by 127.0.0.1:" + server.port() + " for ok@example.test;"
                    + " gone@example.test (550 5.1.1 no such user here) refused; check 'receiver' in md.conf; moved"
                    + " to "), d.detail());
            assertEquals(List.of(), outbox().list());
            assertEquals(1, outbox().failedCount());
        }
    }

    @Test
    void aReceiverDeferredIsRetriedAloneByTheNextRun() throws Exception {
        try (PickySmtpServer server = new PickySmtpServer("never")) {
            SmtpMailer mailer = mailer(server, "ok@example.test, busy@example.test", "md@example.test", "");

            Delivery first = mailer.send(NOTICE, budget()).get(0);
            server.busy = false;
            List<Delivery> retried = mailer.retryKept(budget());

            assertFalse(first.sent(), first.detail());
            assertTrue(first.detail().endsWith("retried on the next run for busy@example.test"), first.detail());
            assertTrue(retried.get(0).sent(), retried.get(0).detail());
            assertEquals(List.of(List.of("ok@example.test"), List.of("busy@example.test")), server.envelopes());
            assertFalse(server.accepted().get(1).contains(Progress.SENT_TO), "the record stays in the outbox");
            assertEquals(List.of(), outbox().list());
        }
    }

    @Test
    void withAPasswordTlsAutoRefusesAServerWithoutStartTlsBeforeAuth() throws Exception {
        try (PickySmtpServer server = new PickySmtpServer("never")) {
            Delivery d = mailer(server, "ok@example.test", "md@example.test", "pass s3cret\n").send(NOTICE, budget())
                    .get(0);

            assertFalse(d.sent(), d.detail());
            assertTrue(d.detail().contains("does not offer STARTTLS, which 'tls auto' requires with a password"),
                    d.detail());
            assertTrue(server.commands().stream().noneMatch(c -> c.startsWith("AUTH") || c.startsWith("MAIL")),
                    server.commands().toString());
        }
    }

    @Test
    void aCaFileGoneSinceMdConfWasReadIsNamedBeforeTheServerIsAsked() throws Exception {
        Path ca = Files.copy(PrivateCa.get().caPem(), dir.resolve("ca.pem"));
        try (PickySmtpServer server = new PickySmtpServer("never")) {
            SmtpMailer mailer = mailer(server, "ok@example.test", "md@example.test", "tls starttls\nca_file ca.pem\n");
            Files.delete(ca);

            Delivery d = mailer.send(NOTICE, budget()).get(0);

            assertFalse(d.sent(), d.detail());
            assertTrue(d.detail().startsWith("mail not sent: ca_file " + ca + " does not exist; fix ca_file in md.conf"),
                    d.detail());
            assertEquals(List.of(), server.commands());
            assertEquals(1, outbox().list().size(), "kept for the next run");
        }
    }

    private static Deadline budget() {
        return Deadline.in(Duration.ofMinutes(2));
    }

    private Outbox outbox() {
        return new Outbox(dir.resolve("outbox"));
    }

    private SmtpMailer mailer(PickySmtpServer server, String receivers, String sender, String more) throws Exception {
        Path conf = dir.resolve("md.conf");
        Files.writeString(conf, "threshold 90\nreceiver " + receivers + "\nsender " + sender + "\nsmtp 127.0.0.1\n"
                + "port " + server.port() + "\n" + more);
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
        MailSettings s = new ConfigParser(new AppPaths(dir), dir).parse(conf).mail().orElseThrow();
        return new SmtpMailer(s, outbox(), "test-host", Map.of("PATH", "/usr/bin:/bin"));
    }
}
