// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.PrivateCa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** md.conf's mail lines beyond the original tool's: ca_file, a display name, ASCII addresses, AUTH in clear. */
class MailFieldsTest {
    private static final String MAIL = "threshold 90\nreceiver me@example.org\nsmtp smtp.example.org\nport 587\n";

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("md.conf");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private Config parse(String text) throws Exception {
        return new ConfigParser(new AppPaths(dir), dir).parse(write(text));
    }

    private List<String> problems(String text) throws IOException {
        Path file = write(text);
        return assertThrows(ConfigException.class, () -> new ConfigParser(new AppPaths(dir), dir).strict().parse(file))
                .problems();
    }

    /** What md_wizard shows a person: the CA file is checked when it is used, never when md.conf is read. */
    private List<String> settingProblems(String text) throws Exception {
        return SettingChecks.problems(parse(text), FileChecks.realUid());
    }

    @Test
    void caFileNamesPemCertificatesBesideMdConf() throws Exception {
        Files.copy(PrivateCa.get().caPem(), dir.resolve("ca.pem"));

        Config.MailSettings m = parse(MAIL + "sender md@example.org\nca_file ca.pem\n").mail().orElseThrow();

        assertEquals(Optional.of(dir.resolve("ca.pem")), m.caFile());
        assertEquals(1, CaFile.read(m.caFile().get()).size());
    }

    @Test
    void aMissingOrUnparsableCaFileIsAnErrorOnItsLine() throws Exception {
        Files.writeString(dir.resolve("junk.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");

        List<String> missing = settingProblems(MAIL + "sender md@example.org\nca_file /nonexistent/ca.pem\n");
        List<String> junk = settingProblems(MAIL + "sender md@example.org\nca_file junk.pem\n");
        Files.writeString(dir.resolve("text.pem"), "no certificate here\n");
        List<String> text = settingProblems(MAIL + "sender md@example.org\nca_file text.pem\n");

        assertEquals(List.of(dir.resolve("md.conf") + ":6: ca_file /nonexistent/ca.pem does not exist; name a PEM"
                + " file holding your mail server's CA certificate ('-----BEGIN CERTIFICATE-----'), or remove the"
                + " line"), missing);
        assertTrue(junk.get(0).startsWith(dir.resolve("md.conf") + ":6: ca_file " + dir.resolve("junk.pem")
                + " holds no certificate"), junk.toString());
        assertTrue(text.get(0).contains("text.pem holds no certificate"), text.toString());
    }

    @Test
    void aDisplayNameStaysOutOfTheLoginAndTheEnvelope() throws Exception {
        Config.MailSettings quoted = parse(MAIL + "sender \"Memory Daemon\" <md@example.org>\n").mail().orElseThrow();
        Config.MailSettings bare = parse(MAIL + "sender Memory Daemon <md@example.org>\n").mail().orElseThrow();

        for (Config.MailSettings m : List.of(quoted, bare)) {
            assertEquals("md@example.org", m.sender());
            assertEquals(Optional.of("Memory Daemon"), m.senderName());
        }
        assertEquals(Optional.empty(), parse(MAIL + "sender md@example.org\n").mail().orElseThrow().senderName());
    }

    @Test
    void nonAsciiAddressesAreRefusedWithTheirLine() throws Exception {
        List<String> p = problems("threshold 90\nreceiver jörg@example.org\nsender md@bücher.example\n"
                + "smtp smtp.example.org\nport 587\n");

        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).startsWith(dir.resolve("md.conf") + ":2: 'jörg@example.org' is not ASCII; "), p.get(0));
        assertTrue(p.get(1).startsWith(dir.resolve("md.conf") + ":3: 'md@bücher.example' is not ASCII; "), p.get(1));
    }

    @Test
    void aPasswordSentInClearIsWarnedAboutOnlyWithTlsNone() throws Exception {
        Config none = parse(MAIL + "sender md@example.org\npass x\ntls none\n");
        Config auto = parse(MAIL + "sender md@example.org\npass x\n");
        Config noPassword = parse(MAIL + "sender md@example.org\ntls none\n");

        assertEquals(List.of(dir.resolve("md.conf") + ":7: 'tls none' sends the SMTP password in clear to"
                + " smtp.example.org; use 'tls starttls' (or 'tls ssl' on port 465) unless the network to the server"
                + " is trusted"), none.warnings());
        assertEquals(List.of(), auto.warnings());
        assertEquals(List.of(), noPassword.warnings());
    }
}
