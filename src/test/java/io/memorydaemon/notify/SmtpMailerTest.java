// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memorydaemon.config.Config.MailSettings;
import io.memorydaemon.config.PasswordSource;
import io.memorydaemon.config.Tls;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmtpMailerTest {

    @ParameterizedTest(name = "tls {0} on port {1} -> {2}")
    @CsvSource({
        "AUTO, 465, SSL",           // SMTPS
        "AUTO, 587, STARTTLS",      // submission: STARTTLS required, never plain text
        "AUTO, 25, AUTO",           // STARTTLS when the server offers it
        "AUTO, 2525, AUTO",
        "STARTTLS, 465, STARTTLS",  // what md.conf says wins over the port
        "SSL, 587, SSL",
        "NONE, 587, NONE"})
    void autoPicksTheTlsModeByPortAndAnExplicitModeWins(Tls configured, int port, Tls expected) {
        MailSettings s = new MailSettings(List.of("a@example.test"), "b@example.test", Optional.empty(),
                "smtp.example.test", port, configured);

        assertEquals(expected, new SmtpMailer(s, new Outbox(Path.of("unused")), "host", Map.of()).effectiveTls());
    }

    @ParameterizedTest(name = "tls {0} on port {1} with a password -> {2}")
    @CsvSource({
        "AUTO, 25, STARTTLS",       // the password never goes out in clear
        "AUTO, 2525, STARTTLS",
        "AUTO, 465, SSL",
        "NONE, 25, NONE"})          // unless md.conf says so (and is warned about)
    void withAPasswordAutoRequiresTls(Tls configured, int port, Tls expected) {
        MailSettings s = new MailSettings(List.of("a@example.test"), "b@example.test",
                Optional.of(new PasswordSource.Plain("x")), "smtp.example.test", port, configured);

        assertEquals(expected, SessionProperties.effectiveTls(s));
    }

    @ParameterizedTest(name = "host {0} -> EHLO {1}")
    @CsvSource({"box.example.org, box.example.org", "box, example.test"})
    void ehloIsTheFullHostNameElseTheSendersDomain(String host, String ehlo) {
        MailSettings s = new MailSettings(List.of("a@example.test"), "b@example.test", Optional.empty(),
                "smtp.example.test", 25, Tls.AUTO);

        assertEquals(ehlo, SessionProperties.ehloName(host, s));
    }
}
