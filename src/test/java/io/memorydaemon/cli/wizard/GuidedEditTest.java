// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.app.Environment;
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
        Environment env = new Environment(Map.of("HOME", home.toString()), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        WizardSession s = new WizardSession(env, Prompter.plain(new BufferedReader(new StringReader(answers)),
                env.out()), new Origin(Optional.empty(), Optional.empty()), null);
        new GuidedEdit(s).run(file);
        return Files.readString(file);
    }

    @Test
    void aDecimalThresholdIsAcceptedAndBadOnesAreAskedAgain() throws Exception {
        String conf = edit("# mine\nthreshold 80\n", "\nabc\n0.5\n99.5\n90.5\n");

        assertEquals("# mine\nthreshold 90.5\n", conf);
        assertEquals(3, out.toString().split("Please give a number from 1 to 99, e.g. 90 or 90.5.", -1).length - 1,
                out.toString());
        assertTrue(out.toString().contains("Threshold, percent of RAM used (1-99, e.g. 90 or 90.5) [80]: "),
                out.toString());
    }

    @Test
    void anEmptyAnswerKeepsTheCurrentDecimalThreshold() throws Exception {
        assertEquals("threshold 87.25\n", edit("threshold 87.25\n", "\n\n"));
        assertTrue(out.toString().contains("[87.25]: "), out.toString());
    }
}
