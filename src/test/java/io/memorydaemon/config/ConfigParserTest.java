// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class ConfigParserTest {

    @TempDir
    Path dir;

    private Path write(String text, String mode) throws IOException {
        Path file = dir.resolve("md.conf");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private ConfigParser parser() {
        return new ConfigParser(new AppPaths(dir), dir.resolve("home"));
    }

    private Config parse(String text) throws Exception {
        return parser().parse(write(text, "rw-------"));
    }

    private List<String> problems(String text) throws IOException {
        Path file = write(text, "rw-------");
        return assertThrows(ConfigException.class, () -> parser().strict().parse(file)).problems();
    }

    @Test
    void readsTheOriginalToolsFileUnchanged() throws Exception {
        Config c = parse("receiver me@uni.example.org\nsender alerts@gmail.com\npass s3cret\nthreshold 80\n"
                + "smtp smtp.gmail.com\nport 587\n");

        assertEquals(80, c.thresholdPercent());
        Config.MailSettings mail = c.mail().orElseThrow();
        assertEquals(List.of("me@uni.example.org"), mail.receivers());
        assertEquals("alerts@gmail.com", mail.sender());
        assertEquals("s3cret", resolve(mail.password().orElseThrow()));
        assertEquals("smtp.gmail.com", mail.smtpHost());
        assertEquals(587, mail.smtpPort());
        assertEquals(Tls.AUTO, mail.tls());
        assertEquals(Config.DEFAULT_GRACE_SECONDS, c.graceSeconds());
        assertEquals(Config.DEFAULT_WARN_INTERVAL_MINUTES, c.warnIntervalMinutes());
        assertEquals(dir.resolve("tmp.log"), c.logFile());
        assertFalse(c.killAsRoot());
        assertEquals(List.of(), c.warnings());
    }

    @Test
    void theOriginalBareTemplateNamesEachKeyWithoutAValueOnce() throws IOException {
        List<String> problems = problems("receiver\nsender\npass\nthreshold\nsmtp\nport\n");

        assertEquals(6, problems.size(), String.join("\n", problems));
        String[] keys = {"receiver", "sender", "pass", "threshold", "smtp", "port"};
        for (int i = 0; i < keys.length; i++) {
            String p = problems.get(i);
            assertTrue(p.startsWith(dir.resolve("md.conf") + ":" + (i + 1) + ": '" + keys[i] + "' has no value; write '"
                    + keys[i] + " "), p);
        }
    }

    @Test
    void commentsBlankLinesTabsAndCrlfAreAccepted() throws Exception {
        Config c = parse("# my settings\r\n\r\n   # indented comment\r\nthreshold\t 85%\r\n");

        assertEquals(85, c.thresholdPercent());
        assertTrue(c.mail().isEmpty());
    }

    @Test
    void withoutMailKeysMailIsOff() throws Exception {
        assertTrue(parse("threshold 90\n").mail().isEmpty());
    }

    @Test
    void readsTheNewOptionalKeys() throws Exception {
        Files.createDirectories(dir.resolve("home/logs"));
        Config c = parse("threshold 90\ngrace 12\navoid ^(sshd|bash)$\nprefer ^python\nwarn_interval 15\n"
                + "log_file ~/logs/md.log\nkill_as_root yes\nreceiver a@x.org, b@y.org\nsender s@x.org\n"
                + "smtp mail.x.org\nport 465\ntls ssl\n");

        assertEquals(12, c.graceSeconds());
        assertEquals("^(sshd|bash)$", c.avoid().orElseThrow().pattern());
        assertEquals("^python", c.prefer().orElseThrow().pattern());
        assertEquals(15, c.warnIntervalMinutes());
        assertEquals(dir.resolve("home/logs/md.log"), c.logFile());
        assertTrue(c.killAsRoot());
        assertEquals(List.of("a@x.org", "b@y.org"), c.mail().orElseThrow().receivers());
        assertEquals(Tls.SSL, c.mail().orElseThrow().tls());
        assertTrue(c.mail().orElseThrow().password().isEmpty());
    }

    @Test
    void anUnknownKeyIsNamedWithItsLineAndTheKnownKeys() throws IOException {
        List<String> problems = problems("threshold 90\ntreshold 80\n");

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith(dir.resolve("md.conf") + ":2: unknown key 'treshold'; use one of receiver,"),
                problems.get(0));
    }

    @Test
    void thresholdOutsideOneTo99IsRefused() throws IOException {
        for (String bad : List.of("0", "100", "-5", "ninety", "0.5", "99.01", "90.", ".5", "1e2", "NaN", "90,5")) {
            List<String> problems = problems("# c\nthreshold " + bad + "\n");
            assertEquals(List.of(dir.resolve("md.conf") + ":2: 'threshold' must be a number from 1 to 99 (decimals"
                    + " allowed), not '" + bad + "'; write a percentage of total RAM, e.g. 'threshold 90' or"
                    + " 'threshold 90.5'"), problems);
        }
    }

    @Test
    void aDecimalThresholdIsAcceptedAsTheOriginalToolsAwkDid() throws Exception {
        assertEquals(90.5, parse("threshold 90.5\n").thresholdPercent());
        assertEquals(1.0, parse("threshold 1.0\n").thresholdPercent());
        assertEquals(99.0, parse("threshold 99.00%\n").thresholdPercent());
        assertEquals(42.125, parse("threshold 42.125\n").thresholdPercent());
    }

    @Test
    void aMissingThresholdIsReported() throws IOException {
        List<String> problems = problems("grace 5\n");

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("'threshold' is missing; add a line 'threshold 90'"), problems.get(0));
    }

    @Test
    void onceOneMailKeyIsSetTheOtherThreeAreRequired() throws IOException {
        List<String> problems = problems("threshold 90\n\nsmtp mail.x.org\n");

        assertEquals(3, problems.size(), String.join("\n", problems));
        for (String key : List.of("receiver", "sender", "port")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(dir.resolve("md.conf") + ":3: mail is on")
                    && p.contains("'" + key + "' is missing; add a line '" + key + " ")), key + " in " + problems);
        }
    }

    @Test
    void badPortsAreRefused() throws IOException {
        for (String bad : List.of("0", "65536", "smtp", "58 7")) {
            List<String> problems = problems("threshold 90\nreceiver a@x.org\nsender s@x.org\nsmtp m.x.org\nport "
                    + bad + "\n");
            assertEquals(List.of(dir.resolve("md.conf") + ":5: 'port' must be a whole number from 1 to 65535, not '"
                    + bad + "'; write the SMTP port, e.g. 'port 587'"), problems);
        }
    }

    @Test
    void badAddressesAreRefused() throws IOException {
        List<String> problems = problems("threshold 90\nreceiver a@x.org,not-an-address\nsender me at x.org\n"
                + "smtp m.x.org\nport 25\n");

        assertEquals(2, problems.size(), String.join("\n", problems));
        assertTrue(problems.get(0).startsWith(dir.resolve("md.conf") + ":2: 'not-an-address' is not an email address;"),
                problems.get(0));
        assertTrue(problems.get(1).startsWith(dir.resolve("md.conf") + ":3: 'me at x.org' is not an email address;"),
                problems.get(1));
    }

    @Test
    void aLocalAddressIsAccepted() throws Exception {
        Config c = parse("threshold 90\nreceiver root@localhost\nsender md@localhost\nsmtp localhost\nport 25\n");

        assertEquals(List.of("root@localhost"), c.mail().orElseThrow().receivers());
    }

    @Test
    void everyProblemIsReportedAtOnceEachWithFileLineAndFix() throws IOException {
        List<String> problems = problems("threshold 100\ncolour blue\ngrace\nport 99999\ntls maybe\navoid (\n"
                + "threshold 90\nkill_as_root perhaps\n");

        String file = dir.resolve("md.conf").toString();
        assertEquals(11, problems.size(), String.join("\n", problems));
        for (String p : problems) {
            assertTrue(p.startsWith(file + ":"), p);
            assertTrue(p.contains("; "), "a fix after the semicolon: " + p);
            assertFalse(p.contains("\n"), p);
        }
        for (String line : List.of(":1: 'threshold'", ":2: unknown key 'colour'", ":3: 'grace' has no value",
                ":4: 'port'", ":5: 'maybe' is not a TLS mode", ":6: 'avoid' is not a valid regular expression",
                ":7: 'threshold' is already set on line 1", ":8: 'kill_as_root' must be yes or no")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(file + line)), line + " in " + problems);
        }
        for (String key : List.of("receiver", "sender", "smtp")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(file + ":4: mail is on ('port' is set) but '"
                    + key + "' is missing")), key + " in " + problems);
        }
        List<Integer> lines = problems.stream().map(p -> Integer.parseInt(p.substring(file.length() + 1,
                p.indexOf(':', file.length() + 1)))).toList();
        assertEquals(lines.stream().sorted().toList(), lines, "reported in file order");
    }

    @Test
    void aPlainPasswordInAFileOthersCanReadIsWarnedAbout() throws Exception {
        String text = "threshold 90\nreceiver a@x.org\nsender s@x.org\npass hunter2\nsmtp m.x.org\nport 587\n";
        for (String mode : List.of("rw-r-----", "rw----r--", "rw-r--r--")) {
            Config c = parser().parse(write(text, mode));
            assertEquals(1, c.warnings().size(), mode);
            assertTrue(c.warnings().get(0).contains("chmod 600"), c.warnings().get(0));
        }
        assertEquals(List.of(), parser().parse(write(text, "rw-------")).warnings());
        assertEquals(List.of(), parser().parse(write(text.replace("pass hunter2\n", ""), "rw-r--r--")).warnings());
    }

    @Test
    void passFileIsReadRelativeToTheConfigDirectoryOrHome() throws Exception {
        Files.writeString(dir.resolve("smtp.pass"), "from-file\nsecond line\n");
        Config c = parse("threshold 90\nreceiver a@x.org\nsender s@x.org\npass_file smtp.pass\nsmtp m.x.org\nport 587\n");

        PasswordSource source = c.mail().orElseThrow().password().orElseThrow();
        assertEquals(new PasswordSource.FromFile(dir.resolve("smtp.pass")), source);
        assertEquals("from-file", resolve(source));
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("home/p"), "from-home\n");
        Config home = parse("threshold 90\nreceiver a@x.org\nsender s@x.org\npass_file ~/p\nsmtp m.x.org\nport 587\n");
        assertEquals(Optional.of(new PasswordSource.FromFile(dir.resolve("home/p"))),
                home.mail().orElseThrow().password());
    }

    @Test
    void passCommandRunsOnlyWhenResolved() throws Exception {
        Config c = parse("threshold 90\nreceiver a@x.org\nsender s@x.org\npass_command printf 'cmd-pass\\nx'\n"
                + "smtp m.x.org\nport 587\n");

        PasswordSource source = c.mail().orElseThrow().password().orElseThrow();
        assertEquals("cmd-pass", resolve(source));
        PasswordSource failing = new PasswordSource.FromCommand("exit 3");
        IOException e = assertThrows(IOException.class, () -> resolve(failing));
        assertTrue(e.getMessage().contains("exited with 3"), e.getMessage());
    }

    @Test
    void onlyOnePasswordSourceMayBeSet() throws IOException {
        List<String> problems = problems("threshold 90\nreceiver a@x.org\nsender s@x.org\npass a\npass_file b\n"
                + "smtp m.x.org\nport 587\n");

        assertEquals(List.of(dir.resolve("md.conf") + ":5: set only one of pass, pass_file and pass_command; delete the"
                + " others"), problems);
    }

    @Test
    void theShippedTemplateParsesAsItIsAndWithEveryOptionTurnedOn() throws Exception {
        String template = Files.readString(Path.of("packaging/md.conf.template"));
        Files.createDirectories(dir.resolve("home/.config/mem_daemon"));
        assertEquals(90, parse(template).thresholdPercent());

        String all = template.replaceAll("(?m)^#(?=[a-z_]+ )", "").replaceAll("(?m)^pass(_file)? .*$", "");
        Files.copy(PrivateCa.get().caPem(), dir.resolve("home/.config/mem_daemon/ca.pem"));
        Config c = parse(all);
        assertEquals(Optional.of(dir.resolve("home/.config/mem_daemon/ca.pem")), c.mail().orElseThrow().caFile());
        assertEquals(List.of("you@example.com", "colleague@example.com"), c.mail().orElseThrow().receivers());
        assertTrue(c.mail().orElseThrow().password().orElseThrow() instanceof PasswordSource.FromCommand);
        assertTrue(c.avoid().orElseThrow().matcher("sshd").find());
    }

    @Test
    void aDirectoryInsteadOfAFileIsNamed() throws Exception {
        Path conf = Files.createDirectory(dir.resolve("md.conf"));

        ConfigException e = assertThrows(ConfigException.class, () -> parser().strict().parse(conf));

        assertEquals(List.of(conf + ": is a directory; md.conf must be a file, or pass one with --config"),
                e.problems());
    }

    @Test
    void aMissingFileSaysHowToCreateIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> parser().strict().parse(dir.resolve("none.conf")));

        assertEquals(List.of(dir.resolve("none.conf") + ": not found; run 'md_wizard install' to create it"),
                e.problems());
    }

    /** As a mail would read it. */
    private static String resolve(PasswordSource source) throws IOException {
        return io.memorydaemon.system.Passwords.resolve(source, java.util.Map.of("PATH", "/usr/bin:/bin"),
                java.time.Duration.ofSeconds(10));
    }

    @Test
    void theSystemWatchersKeysMinUidAndOwnerDomain() throws Exception {
        Config c = parse("threshold 90\nmin_uid 500\nowner_domain Uni.Example.ORG\n");
        assertEquals(Optional.of(500L), c.minUid());
        assertEquals(Optional.of("uni.example.org"), c.ownerDomain());
        Config plain = parse("threshold 90\n");
        assertEquals(Optional.empty(), plain.minUid());
        assertEquals(Optional.empty(), plain.ownerDomain());

        List<String> bad = problems("threshold 90\nmin_uid 0\nowner_domain alice@example.org\n");
        assertEquals(2, bad.size(), bad.toString());
        assertTrue(bad.get(0).contains(":2: 'min_uid' must be a uid from 1 to 4294967294"), bad.get(0));
        assertEquals(Optional.of(3_000_000_000L), parse("threshold 90\nmin_uid 3000000000\n").minUid());
        assertTrue(bad.get(1).contains(":3: 'owner_domain' must be a mail domain"), bad.get(1));
    }

    @Test
    void aWrongReportSettingCostsItsFeatureAloneAndTheRunGoesOn() throws Exception {
        Config c = parse("threshold 90\nreceiver me@x.org\nsender md@x.org\nsmtp mail.x.org\nport 99999\n"
                + "metrics_file /tmp/md.txt\nwarn_interval often\nowner_domain not a domain\nlog_file ~/x.log\n"
                + "colour blue\n");

        assertEquals(90, c.thresholdPercent());
        assertTrue(c.mail().isEmpty(), "mail is off");
        assertTrue(c.mailSet(), "but set: its notices are kept for when it is fixed");
        assertEquals(Optional.empty(), c.metricsFile());
        assertEquals(Config.DEFAULT_WARN_INTERVAL_MINUTES, c.warnIntervalMinutes(), "not 0: no warning every pass");
        assertEquals(Optional.empty(), c.ownerDomain());
        assertEquals(5, c.problems().size(), c.problems().toString());
        assertTrue(c.problems().get(0).contains(":5: 'port' must be a whole number"), c.problems().get(0));
        assertTrue(c.problems().get(4).contains(":10: unknown key 'colour'"), c.problems().get(4));
        assertEquals(c.problems(), problems("threshold 90\nreceiver me@x.org\nsender md@x.org\nsmtp mail.x.org\n"
                + "port 99999\nmetrics_file /tmp/md.txt\nwarn_interval often\nowner_domain not a domain\n"
                + "log_file ~/x.log\ncolour blue\n"), "md_wizard shows every one of them (strict)");
    }

    @Test
    void onlyTheDecisionsOwnSettingsStopTheRun() throws Exception {
        for (String wrong : List.of("threshold 101", "grace -1", "avoid (", "prefer [", "psi 0", "victim everyone",
                "min_uid root", "kill_as_root maybe")) {
            String text = wrong.startsWith("threshold") ? wrong + "\n" : "threshold 90\n" + wrong + "\n";
            ConfigException e = assertThrows(ConfigException.class, () -> parser().parse(write(text, "rw-------")),
                    wrong);
            assertEquals(1, e.problems().size(), e.problems().toString());
        }
        assertThrows(ConfigException.class, () -> parser().parse(write("receiver me@x.org\n", "rw-------")),
                "no threshold: nothing to decide with");
        assertEquals(false, parse("threshold 90\nvictim process\n").victimJobs());
        assertEquals(true, parse("threshold 90\n").victimJobs());
    }
}
