// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.app.Environment;
import io.memorydaemon.config.AppPaths;
import io.memorydaemon.config.ConfigException;
import io.memorydaemon.config.ConfigParser;
import io.memorydaemon.install.Origin;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuidedEditTest {
    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();

    private String edit(String conf, String answers) throws Exception {
        Path file = home.resolve("md.conf");
        Files.writeString(file, conf);
        Environment env = new Environment(Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.toString()),
                new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        WizardSession s = new WizardSession(env, Prompter.plain(new BufferedReader(new StringReader(answers)),
                env.out()), new Origin(Optional.empty(), Optional.empty()), null);
        new GuidedEdit(s).run(file);
        return Files.readString(file);
    }

    @Test
    void aDecimalThresholdIsAcceptedAndBadOnesAreAskedAgain() throws Exception {
        String conf = edit("# mine\nthreshold 80\n", "\nabc\n0.5\n99.5\n90.5\n\n");

        assertEquals("# mine\nthreshold 90.5\n", conf);
        assertEquals(3, out.toString().split("Please give a number from 1 to 99, e.g. 90 or 90.5.", -1).length - 1,
                out.toString());
        assertTrue(out.toString().contains("Threshold, percent of RAM used (1-99, e.g. 90 or 90.5) [80]: "),
                out.toString());
    }

    @Test
    void anEmptyAnswerKeepsTheCurrentDecimalThreshold() throws Exception {
        assertEquals("threshold 87.25\n", edit("threshold 87.25\n", "\n\n\n"));
        assertTrue(out.toString().contains("[87.25]: "), out.toString());
    }

    @Test
    void anAnswerMdConfWouldRefuseIsRefusedWithItsReasonAndAskedAgain() throws Exception {
        String conf = edit("# mine\nthreshold 80\n", "bob at example.com\nbob@example.com\nalerts@example.com\npw\n\n\n"
                + "smtp example.com\nsmtp.example.com\n587\n");

        assertEquals("# mine\nthreshold 80\nreceiver bob@example.com\nsender alerts@example.com\npass pw\n"
                + "smtp smtp.example.com\nport 587\n", conf);
        assertTrue(out.toString().contains("Not accepted: 'bob at example.com' is not an email address; write addresses"
                + " like 'receiver you@example.com,team@example.com'\nReceiver address(es), comma-separated: "),
                out.toString());
        assertTrue(out.toString().contains("Not accepted: 'smtp example.com' is not a host name;"), out.toString());
        new ConfigParser(new AppPaths(home.resolve("mem_daemon")), home).parse(home.resolve("md.conf"));
    }

    @Test
    void answersWithControlCharactersAreAskedAgain() throws Exception {
        String conf = edit("threshold 80\n", "\n9\u001b[2J0\n\0\n85\n\n");

        assertEquals("threshold 85\n", conf);
        assertTrue(out.toString().contains("That answer holds the control character U+001B; please type plain text."),
                out.toString());
        assertTrue(out.toString().contains("That answer holds a NUL byte; please type plain text."), out.toString());
    }

    @Test
    void anMdConfThatWouldStillNotParseIsNotWritten() throws Exception {
        String before = "threshold 80\ncolour blue\n";

        ConfigException e = assertThrows(ConfigException.class, () -> edit(before, "\n85\n\n"));

        assertTrue(e.problems().get(0).endsWith("md.conf:2: unknown key 'colour'; use one of "
                + String.join(", ", ConfigParser.KNOWN_KEYS) + " (or start the line with # to make it a comment)"),
                e.problems().toString());
        assertArrayEquals(before.getBytes(), Files.readAllBytes(home.resolve("md.conf")));
    }

    @Test
    void theEarlyWarningIsAskedBelowTheThresholdAndOneAtOrAboveItIsAskedAgain() throws Exception {
        String conf = edit("threshold 80\n", "\n90\n95\n90\n85\n");

        assertEquals("threshold 90\nwarn_threshold 85\n", conf);
        assertTrue(out.toString().contains("Please give a number from 1 to 99 below the threshold 90"), out.toString());
    }
}
