// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.memorydaemon.schedule.CronLine;
import io.memorydaemon.schedule.CronUser;
import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.SystemImage;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A new user, as the "done when" says: the built image's md_wizard, installed as a system package has it
 * ({@link SystemImage}), run as a fresh ordinary user with its answers on stdin, goes 1 → 2 → 3 → 4 and ends with a
 * working cron line and a test mail in a real (GreenMail) inbox; 5 takes it away again.
 */
class WizardJourneyIT {

    @Test
    void oneTwoThreeFourThenFive() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.org", "alerts@example.org", "s3cret"));
        smtp.start();
        try (CronUser user = CronUser.create();
             Hog hog = Hog.dominant(user.runAs(), false);
             SystemImage system = SystemImage.of(new ImageRun(user.runAs(), user.home()))) {
            Files.delete(user.tempHome().configDir());
            ImageRun image = new ImageRun(user.runAs(), user.home(), system.image());

            Run.Result install = WizardRun.launcher(system.image(), user, Map.of(), "1\n");
            assertEquals(0, install.exitCode(), install.stderr());
            assertTrue(install.stdout().contains("Created " + user.tempHome().config() + " (mode 600) from the template"),
                    install.stdout());

            Run.Result guided = WizardRun.launcher(system.image(), user, Map.of(),
                    "2\ng\nme@example.org\nalerts@example.org\ns3cret\n99\n\n127.0.0.1\n" + port + "\n");
            assertEquals(0, guided.exitCode(), guided.stderr());
            assertTrue(guided.stdout().contains("is valid: threshold 99%, mail to me@example.org."), guided.stdout());
            // the user adds the plain-SMTP setting and narrows the candidates to the hog by hand
            Path editor = Files.writeString(user.home().resolve("editor.sh"),
                    "printf 'tls none\\nprefer ^%1$s$\\navoid ^(?!%1$s$)\\n' >> \"$1\"\n".formatted(hog.name()));
            user.runAs().own(user.home());
            Run.Result edit = WizardRun.launcher(system.image(), user, Map.of("EDITOR", "sh " + editor), "2\ne\n");
            assertEquals(0, edit.exitCode(), edit.stderr());

            Run.Result test = WizardRun.launcher(system.image(), user, Map.of(), "3\n");
            assertEquals(0, test.exitCode(), test.stderr());
            assertTrue(test.stdout().contains("action=would-kill test=yes pid=" + hog.pid() + " user=" + user.name()), test.stdout());
            assertTrue(test.stdout().contains("A real run over the threshold would TERMINATE pid " + hog.pid()), test.stdout());
            assertTrue(test.stdout().contains("The mail server 127.0.0.1 accepted the test mail"), test.stdout());
            assertTrue(smtp.waitForIncomingEmail(10_000, 1));
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertTrue(mail.getSubject().startsWith("[Process Termination Notification] "), mail.getSubject());
            assertTrue(mail.getSubject().contains("test"), mail.getSubject());
            assertEquals("me@example.org", mail.getAllRecipients()[0].toString());
            assertTrue(hog.isAlive(), "the test entry kills nothing");

            Run.Result cron = WizardRun.launcher(system.image(), user, Map.of(), "4\n5\nn\n");
            assertEquals(0, cron.exitCode(), cron.stderr());
            String line = user.crontab().read().checkLine().orElseThrow();
            assertEquals(CronLine.check(image.launcher("mem_daemon"), user.tempHome().log(), 5), line);
            long logBefore = Files.size(user.tempHome().log());
            Run.Result byCron = user.runAsCronWould(line);
            assertEquals(0, byCron.exitCode(), byCron.both());
            String log = Files.readString(user.tempHome().log());
            assertTrue(Files.size(user.tempHome().log()) > logBefore);
            assertTrue(log.substring((int) logBefore) // after md.conf's warning about 'tls none' with a password
                    .matches("(?s)(.*'tls none'.*\\n)?time=\\S+ level=info used=\\S+ threshold=99% action=ok\\b.*"), log);

            Run.Result uninstall = WizardRun.launcher(system.image(), user, Map.of(), "5\n\nn\n");
            assertEquals(0, uninstall.exitCode(), uninstall.stderr());
            assertEquals("", user.crontabText());
            assertFalse(Files.exists(user.tempHome().configDir()));
            assertTrue(uninstall.stdout().contains("'sudo apt remove memory-daemon'"), uninstall.stdout());
            assertTrue(hog.isAlive());
            assertEquals(1, smtp.getReceivedMessages().length);
        } finally {
            smtp.stop();
        }
    }
}
