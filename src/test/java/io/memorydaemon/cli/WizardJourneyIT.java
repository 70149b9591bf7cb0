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
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A new user, as the "done when" says: the built image's md_wizard, run as a fresh ordinary user with its
 * answers on stdin, goes 1 → 2 → 3 → 4 and ends with a working cron line and a test mail in a real (GreenMail)
 * inbox; 5 takes it away again.
 */
class WizardJourneyIT {

    /** What one launcher run printed and returned. */
    record Run(int exitCode, String out, String err) { }

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
             Hog hog = Hog.start(user.runAs(), Files.createTempDirectory("md-hog"), 64, false)) {
            Files.delete(user.tempHome().configDir());
            ImageRun image = new ImageRun(user.runAs(), user.home());

            Run install = wizard(user, image, Map.of(), "1\n");
            assertEquals(0, install.exitCode(), install.err());
            assertTrue(install.out().contains("Created " + user.tempHome().config() + " (mode 600) from the template"),
                    install.out());

            Run guided = wizard(user, image, Map.of(), "2\ng\nme@example.org\nalerts@example.org\ns3cret\n99\n127.0.0.1\n" + port + "\n");
            assertEquals(0, guided.exitCode(), guided.err());
            assertTrue(guided.out().contains("is valid: threshold 99%, mail to me@example.org."), guided.out());
            // the user adds the plain-SMTP setting and narrows the candidates to the hog by hand
            Path editor = Files.writeString(user.home().resolve("editor.sh"),
                    "printf 'tls none\\nprefer ^%1$s$\\navoid ^(?!%1$s$)\\n' >> \"$1\"\n".formatted(hog.name()));
            user.runAs().own(user.home());
            Run edit = wizard(user, image, Map.of("EDITOR", "sh " + editor), "2\ne\n");
            assertEquals(0, edit.exitCode(), edit.err());

            Run test = wizard(user, image, Map.of(), "3\n");
            assertEquals(0, test.exitCode(), test.err());
            assertTrue(test.out().contains("action=would-kill pid=" + hog.pid() + " user=" + user.name()), test.out());
            assertTrue(test.out().contains("The mail server 127.0.0.1 accepted the test mail"), test.out());
            assertTrue(smtp.waitForIncomingEmail(10_000, 1));
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertTrue(mail.getSubject().startsWith("[Process Termination Notification] "), mail.getSubject());
            assertTrue(mail.getSubject().contains("test"), mail.getSubject());
            assertEquals("me@example.org", mail.getAllRecipients()[0].toString());
            assertTrue(hog.isAlive(), "the test entry kills nothing");

            Run cron = wizard(user, image, Map.of(), "4\n5\nn\n");
            assertEquals(0, cron.exitCode(), cron.err());
            String line = user.crontab().read().checkLine().orElseThrow();
            assertEquals(CronLine.check(image.launcher("mem_daemon"), user.tempHome().log(), 5), line);
            long logBefore = Files.size(user.tempHome().log());
            Process p = new ProcessBuilder(user.runAs().command(List.of("env", "-i", "/bin/sh", "-c",
                    line.split("\\s+", 6)[5]))).redirectErrorStream(true).start();
            assertTrue(p.waitFor(2, TimeUnit.MINUTES));
            assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            String log = Files.readString(user.tempHome().log());
            assertTrue(Files.size(user.tempHome().log()) > logBefore);
            assertTrue(log.substring((int) logBefore).matches("(?s)\\S+ used=\\S+ threshold=99% action=ok\\b.*"), log);

            Run uninstall = wizard(user, image, Map.of(), "5\n\nn\n");
            assertEquals(0, uninstall.exitCode(), uninstall.err());
            assertEquals("", user.crontabText());
            assertFalse(Files.exists(user.tempHome().configDir()));
            assertTrue(uninstall.out().contains("'sudo apt remove memory-daemon'"), uninstall.out());
            assertTrue(hog.isAlive());
            assertEquals(1, smtp.getReceivedMessages().length);
        } finally {
            smtp.stop();
        }
    }

    /** The image's md_wizard as the user, with {@code input} on stdin and no terminal. */
    private static Run wizard(CronUser user, ImageRun image, Map<String, String> extraEnv, String input,
            String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(image.launcher("md_wizard").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(user.runAs().command(cmd));
        pb.environment().clear();
        pb.environment().put("HOME", user.home().toString());
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().put("XDG_RUNTIME_DIR", user.home().toString());
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "md_wizard did not finish");
        return new Run(p.exitValue(), out.join(), err.join());
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
