// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.check.Deadline;
import io.memorydaemon.check.Mailer.Delivery;
import io.memorydaemon.check.Notice;
import io.memorydaemon.config.AppPaths;
import io.memorydaemon.config.Config.MailSettings;
import io.memorydaemon.config.ConfigParser;
import io.memorydaemon.testing.MailServer;
import io.memorydaemon.testing.MailServer.Flavour;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SmtpMailer against a real GreenMail server: auth, STARTTLS, SSL, failures kept in the outbox, the retry. */
class SmtpMailerIT {
    private static final String RECEIVER = "owner@example.test";
    private static final Notice NOTICE = new Notice(Notice.Kind.KILL,
            Notice.KILL_SUBJECT + "/usr/bin/python3", "Dear user,\nPID: 4242\nCommand: /usr/bin/python3 train.py\n");

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

    @TempDir
    Path dir;

    private static Deadline budget() {
        return Deadline.in(Duration.ofMinutes(2));
    }

    @Test
    void plainAuthDeliversToEveryReceiver() throws Exception {
        try (MailServer server = MailServer.start(Flavour.PLAIN)) {
            Delivery d = mailer(server.mailConfig("alice@example.test, bob@example.org")).send(NOTICE, budget()).get(0);

            assertTrue(d.sent(), d.detail());
            assertTrue(d.detail().contains("alice@example.test, bob@example.org"), d.detail());
            List<MimeMessage> mails = server.awaitMessages(2); // one copy in each receiver's mailbox
            for (MimeMessage m : mails) {
                assertEquals(NOTICE.subject(), m.getSubject());
                assertEquals(MailServer.SENDER, ((InternetAddress) m.getFrom()[0]).getAddress());
                assertEquals(List.of("alice@example.test", "bob@example.org"), Arrays.stream(
                        m.getRecipients(RecipientType.TO)).map(a -> ((InternetAddress) a).getAddress()).toList());
                assertTrue(((String) m.getContent()).contains("Command: /usr/bin/python3 train.py"));
                assertEquals("kill", m.getHeader("X-Memory-Daemon", null));
            }
            assertTrue(outbox().isEmpty());
        }
    }

    @Test
    void startTlsDelivers() throws Exception {
        try (MailServer server = MailServer.start(Flavour.STARTTLS)) {
            assertDelivered(server, mailer(server.mailConfig(RECEIVER)).send(NOTICE, budget()).get(0));
        }
    }

    @Test
    void autoUpgradesWithStartTlsWhenTheServerOffersIt() throws Exception {
        // the front refuses MAIL before STARTTLS, so a delivery proves the upgrade
        try (MailServer server = MailServer.start(Flavour.STARTTLS)) {
            String auto = MailServer.mailLines(RECEIVER, MailServer.PASSWORD, server.port(), "auto");
            assertDelivered(server, mailer(auto).send(NOTICE, budget()).get(0));
        }
    }

    @Test
    void sslDeliversOnAnSmtpsPort() throws Exception {
        try (MailServer server = MailServer.start(Flavour.SSL)) {
            assertDelivered(server, mailer(server.mailConfig(RECEIVER)).send(NOTICE, budget()).get(0));
        }
    }

    @Test
    void startTlsRequiredByAServerNotOfferingItIsKept() throws Exception {
        try (MailServer server = MailServer.start(Flavour.PLAIN)) {
            String conf = MailServer.mailLines(RECEIVER, MailServer.PASSWORD, server.port(), "starttls");
            Delivery d = mailer(conf).send(NOTICE, budget()).get(0);

            assertKept(d);
            assertTrue(d.detail().contains("does not offer STARTTLS"), d.detail());
            assertTrue(server.received().isEmpty());
        }
    }

    @Test
    void wrongPasswordIsOneClearLineAndTheMailIsKept() throws Exception {
        try (MailServer server = MailServer.start(Flavour.PLAIN)) {
            Delivery d = mailer(server.mailConfig(RECEIVER, "not-the-password")).send(NOTICE, budget()).get(0);

            assertKept(d);
            assertTrue(d.detail().contains("rejected the login of " + MailServer.SENDER), d.detail());
            assertTrue(d.detail().contains("535"), "names the server's reply: " + d.detail());
            assertTrue(d.detail().contains("'pass'"), "says what to fix: " + d.detail());
            assertTrue(server.received().isEmpty());
        }
    }

    @Test
    void passCommandSuppliesThePassword() throws Exception {
        try (MailServer server = MailServer.start(Flavour.PLAIN)) {
            String conf = server.mailConfig(RECEIVER).replace("pass " + MailServer.PASSWORD,
                    "pass_command printf '%s\\n' " + MailServer.PASSWORD);
            assertDelivered(server, mailer(conf).send(NOTICE, budget()).get(0));
        }
    }

    @Test
    void aPasswordCommandThatFailsIsNamedAndTheMailIsKept() throws Exception {
        try (MailServer server = MailServer.start(Flavour.PLAIN)) {
            String conf = server.mailConfig(RECEIVER).replace("pass " + MailServer.PASSWORD, "pass_command exit 3");
            Delivery d = mailer(conf).send(NOTICE, budget()).get(0);

            assertKept(d);
            assertTrue(d.detail().contains("pass_command exited with 3"), d.detail());
            assertTrue(d.detail().contains("check pass_file/pass_command in md.conf"), d.detail());
        }
    }

    @Test
    void aPasswordCommandThatHangsIsKilledAtItsDeadlineAndTheMailIsKept() throws Exception {
        try (MailServer server = MailServer.start(Flavour.PLAIN)) {
            String conf = server.mailConfig(RECEIVER).replace("pass " + MailServer.PASSWORD,
                    "pass_command sleep 70; echo " + MailServer.PASSWORD);
            long start = System.nanoTime();

            Delivery d = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> mailer(conf).send(NOTICE, budget())
                    .get(0));

            assertKept(d);
            assertTrue(d.detail().contains("pass_command gave no password within 10 s"), d.detail());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(30)) < 0,
                    "killed at its deadline, not after its 70 s");
            assertTrue(server.received().isEmpty());
        }
    }

    @Test
    void aServerThatIsDownIsKept() throws Exception {
        int port = MailServer.unusedPort();
        Delivery d = mailer(MailServer.mailLines(RECEIVER, MailServer.PASSWORD, port, "none")).send(NOTICE, budget()).get(0);

        assertKept(d);
        assertTrue(d.detail().contains("127.0.0.1:" + port), d.detail());
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndTheMailIsKept() throws Exception {
        // the kernel completes the TCP handshake into the backlog; nobody ever says 220
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            MailSettings s = settings(MailServer.mailLines(RECEIVER, MailServer.PASSWORD, silent.getLocalPort(), "none"));
            SmtpMailer mailer = new SmtpMailer(s, outbox(), "test-host", ENV, Duration.ofSeconds(1), Duration.ofSeconds(1));

            // a hang guard, not a benchmark: without timeouts this send would never return
            Delivery d = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> mailer.send(NOTICE, budget()).get(0));

            assertKept(d);
        }
    }

    @Test
    void theRetryOnALaterRunDeliversTheKeptMailAndEmptiesTheOutbox() throws Exception {
        int down = MailServer.unusedPort();
        SmtpMailer offline = mailer(MailServer.mailLines(RECEIVER, MailServer.PASSWORD, down, "none"));
        assertKept(offline.send(NOTICE, budget()).get(0));
        List<Delivery> stillDown = offline.retryKept(budget());
        assertEquals(1, stillDown.size());
        assertFalse(stillDown.get(0).sent(), stillDown.get(0).detail());
        assertEquals(1, outbox().list().size(), "still kept while the server is down");

        try (MailServer server = MailServer.start(Flavour.STARTTLS)) {
            SmtpMailer online = mailer(server.mailConfig(RECEIVER));
            assertTrue(online.hasKept());

            List<Delivery> retried = online.retryKept(budget());

            assertEquals(1, retried.size());
            assertTrue(retried.get(0).sent(), retried.get(0).detail());
            MimeMessage m = server.awaitMessages(1).get(0);
            assertEquals(NOTICE.subject(), m.getSubject());
            assertEquals(RECEIVER, ((InternetAddress) m.getRecipients(RecipientType.TO)[0]).getAddress());
            assertTrue(outbox().isEmpty());
            assertFalse(online.hasKept());
        }
    }

    @Test
    void aKeptMailGoesToTheReceiversMdConfNamesAtTheRetry() throws Exception {
        int down = MailServer.unusedPort();
        assertKept(mailer(MailServer.mailLines("typo@example.tset", MailServer.PASSWORD, down, "none")).send(NOTICE, budget()).get(0));

        try (MailServer server = MailServer.start(Flavour.PLAIN)) {
            List<Delivery> retried = mailer(server.mailConfig(RECEIVER)).retryKept(budget());

            assertTrue(retried.get(0).sent(), retried.get(0).detail());
            MimeMessage m = server.awaitMessages(1).get(0);
            assertEquals(List.of(new InternetAddress(RECEIVER)), List.of(m.getRecipients(RecipientType.TO)));
            assertEquals(NOTICE.subject(), m.getSubject());
        }
    }

    @Test
    void theProcessOwnerANoticeIsAlsoForGetsItNowAndOnARetry() throws Exception {
        Notice forOwner = NOTICE.withAlsoTo(List.of("alice@example.test"));
        try (MailServer server = MailServer.start(Flavour.PLAIN)) {
            assertTrue(mailer(server.mailConfig(RECEIVER)).send(forOwner, budget()).get(0).sent());
            MimeMessage m = server.awaitMessages(2).get(0);
            assertEquals(List.of(new InternetAddress(RECEIVER), new InternetAddress("alice@example.test")),
                    List.of(m.getRecipients(RecipientType.TO)));
        }
        int down = MailServer.unusedPort();
        assertKept(mailer(MailServer.mailLines(RECEIVER, MailServer.PASSWORD, down, "none")).send(forOwner, budget())
                .get(0));
        try (MailServer server = MailServer.start(Flavour.PLAIN)) {
            List<Delivery> retried = mailer(server.mailConfig(RECEIVER)).retryKept(budget());

            assertTrue(retried.get(0).sent(), retried.get(0).detail());
            assertEquals(2, server.awaitMessages(2).size(), "the admin and the owner, kept in the mail itself");
            assertTrue(outbox().isEmpty());
        }
    }

    @Test
    void aKeptMailTheServerRefusesForGoodMovesToFailedAndDoesNotHoldUpTheMailsBehindIt() throws Exception {
        int down = MailServer.unusedPort();
        SmtpMailer offline = mailer(MailServer.mailLines(RECEIVER, MailServer.PASSWORD, down, "none"));
        offline.send(new Notice(Notice.Kind.KILL, NOTICE.subject(), "refuse-me\n" + NOTICE.body()), budget());
        offline.send(NOTICE, budget());
        assertEquals(2, outbox().list().size());

        try (PickySmtpServer server = new PickySmtpServer("refuse-me")) {
            SmtpMailer online = mailer("receiver " + RECEIVER + "\nsender " + MailServer.SENDER
                    + "\nsmtp 127.0.0.1\nport " + server.port() + "\ntls none\n");

            List<Delivery> retried = online.retryKept(budget());

            assertEquals(2, retried.size(), "the refusal of the first did not stop the retry");
            assertFalse(retried.get(0).sent(), retried.get(0).detail());
            assertTrue(retried.get(0).detail().contains("554"), "names the server's reply: " + retried.get(0).detail());
            assertTrue(retried.get(0).givenUp(), retried.get(0).detail());
            assertTrue(retried.get(1).sent(), retried.get(1).detail());
            assertEquals(1, server.accepted().size());
            assertFalse(server.accepted().get(0).contains("refuse-me"));
            assertEquals(List.of(), outbox().list(), "the refused mail is no longer retried by every run");
            List<Path> failed;
            try (var files = Files.list(outbox().failedDir())) {
                failed = files.toList();
            }
            assertEquals(1, failed.size(), "the refused mail is moved aside, never lost");
            assertTrue(Files.readString(failed.get(0)).contains("refuse-me"));
            assertEquals(1, outbox().failedCount());
        }
    }

    @Test
    void twoRunsRetryingAtOnceDeliverEachKeptMailOnce() throws Exception {
        SmtpMailer offline = mailer(MailServer.mailLines(RECEIVER, MailServer.PASSWORD, MailServer.unusedPort(), "none"));
        for (int i = 0; i < 6; i++) {
            offline.send(new Notice(Notice.Kind.KILL, NOTICE.subject() + " " + i, NOTICE.body()), budget());
        }
        assertEquals(6, outbox().list().size());

        try (MailServer server = MailServer.start(Flavour.PLAIN)) {
            String conf = server.mailConfig(RECEIVER);
            SmtpMailer first = mailer(conf);
            SmtpMailer second = mailer(conf); // made here: each writes md.conf, which the other would read half-written
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            var a = pool.submit(() -> first.retryKept(budget()));
            var b = pool.submit(() -> second.retryKept(budget()));
            long sent = Stream.concat(a.get().stream(), b.get().stream()).filter(Delivery::sent).count();
            pool.shutdown();

            assertEquals(6, sent, "each kept mail is claimed by one run only");
            assertEquals(6, server.awaitMessages(6).size());
            Thread.sleep(500);
            assertEquals(6, server.received().size(), "no mail went out twice");
            assertTrue(outbox().isEmpty());
        }
    }

    @Test
    void aMailKeptLongerThanThreeDaysIsGivenUpNotSent() throws Exception {
        long fourDaysAgo = System.currentTimeMillis() - Duration.ofDays(4).toMillis();
        Path stale = dir.resolve(String.format("outbox/%013d-0001.eml", fourDaysAgo));
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "From: md@example.test\r\nTo: a@example.test\r\nSubject: old news\r\n\r\nstale\r\n");

        try (MailServer server = MailServer.start(Flavour.PLAIN)) {
            List<Delivery> retried = mailer(server.mailConfig(RECEIVER)).retryKept(budget());

            assertEquals(1, retried.size());
            assertTrue(retried.get(0).givenUp(), retried.get(0).detail());
            assertTrue(retried.get(0).detail().contains("kept longer than 3 days"), retried.get(0).detail());
            assertTrue(outbox().isEmpty());
            assertEquals(1, outbox().failedCount());
            Thread.sleep(500);
            assertEquals(List.of(), server.received(), "stale news is not sent");
        }
    }

    @Test
    void aTestMailThatFailsIsNeverKept() throws Exception {
        Delivery d = mailer(MailServer.mailLines(RECEIVER, MailServer.PASSWORD, MailServer.unusedPort(), "none"))
                .sendOnce(NOTICE, budget());

        assertFalse(d.sent(), d.detail());
        assertFalse(d.detail().contains("kept"), d.detail());
        assertTrue(outbox().isEmpty());
    }

    @Test
    void aHangingServerOnAnSmtpsPortIsCutAtTheSessionDeadlineEvenInTheTlsHandshake() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            MailSettings s = settings(MailServer.mailLines(RECEIVER, MailServer.PASSWORD, silent.getLocalPort(), "ssl"));
            // per-read timeouts far longer than the session's deadline: only the deadline can end it
            SmtpMailer mailer = new SmtpMailer(s, outbox(), "test-host", ENV, Duration.ofMinutes(5), Duration.ofMinutes(5));

            long start = System.nanoTime();
            Delivery d = assertTimeoutPreemptively(Duration.ofMinutes(2),
                    () -> mailer.send(NOTICE, Deadline.in(Duration.ofSeconds(5))).get(0));

            assertKept(d);
            assertTrue(d.detail().contains("did not finish the SMTP session"), d.detail());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(30)) < 0);
        }
    }

    private void assertDelivered(MailServer server, Delivery d) throws Exception {
        assertTrue(d.sent(), d.detail());
        MimeMessage m = server.awaitMessages(1).get(0);
        assertEquals(NOTICE.subject(), m.getSubject());
        assertTrue(((String) m.getContent()).contains("PID: 4242"));
        assertTrue(outbox().isEmpty());
    }

    /** Not sent, one line, and the mail is in the outbox, readable by its owner only. */
    private void assertKept(Delivery d) throws Exception {
        assertFalse(d.sent(), d.detail());
        assertFalse(d.detail().contains("\n"), "one line: " + d.detail());
        assertTrue(d.detail().contains("retried on the next run"), d.detail());
        List<Path> kept = outbox().list();
        assertEquals(1, kept.size());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept.get(0))));
        assertTrue(Files.readString(kept.get(0)).contains("Subject: " + NOTICE.subject()));
    }

    private Outbox outbox() {
        return new Outbox(dir.resolve("outbox"));
    }

    private SmtpMailer mailer(String mailLines) throws Exception {
        return new SmtpMailer(settings(mailLines), outbox(), "test-host", ENV);
    }

    /** The mail settings as a user writes them in md.conf, read by the real parser. */
    private MailSettings settings(String mailLines) throws Exception {
        Path conf = dir.resolve("md.conf");
        Files.writeString(conf, "threshold 90\n" + mailLines);
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
        return new ConfigParser(new AppPaths(dir), dir).parse(conf).mail().orElseThrow();
    }
}
