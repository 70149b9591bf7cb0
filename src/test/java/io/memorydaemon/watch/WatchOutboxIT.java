// SPDX-License-Identifier: MIT
package io.memorydaemon.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While the watcher holds the lock, cron's checks are skipped, so the watcher itself sends what the outbox kept:
 * a real GreenMail server receives it from the linked image run as the checker's user ({@code nobody} under root).
 */
class WatchOutboxIT {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Test
    void theWatcherSendsMailKeptInTheOutbox() throws Exception {
        RunAs user = RunAs.checkerUser();
        try (TempHome home = new TempHome(user)) {
            home.writeConfig("threshold 99\nreceiver alice@example.org\nsender md@example.org\nsmtp 127.0.0.1\nport "
                    + SMTP.getSmtp().getPort() + "\ntls none\n");
            Path kept = home.configDir().resolve(String.format("outbox/%013d-0001.eml", System.currentTimeMillis()));
            Files.createDirectories(kept.getParent());
            Files.writeString(kept, "From: md@example.org\r\nTo: alice@example.org\r\n"
                    + "Subject: [Process Termination Notification] mdhog\r\n\r\nkept while the server was down\r\n");
            user.own(home.configDir());

            try (WatchRun watch = WatchRun.start(user, home)) {
                assertTrue(watch.awaitLog("accepted by", 60), home.readLog());
                assertTrue(watch.isAlive());
            }

            assertTrue(SMTP.waitForIncomingEmail(10_000, 1));
            assertEquals("[Process Termination Notification] mdhog", SMTP.getReceivedMessages()[0].getSubject());
            assertFalse(Files.exists(kept), "a sent mail leaves the outbox");
        }
    }
}
