// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The forms cron runs load neither picocli nor jakarta.mail from the linked image, even with mail configured
 * (issue 6: a check under the threshold as cheap as the platform allows); -Xlog:class+load tells.
 */
class CheckFastPathImageIT {
    /** Mail on, and no process can be a candidate: nothing is acted on even if the machine is over 99 %. */
    private static final String CONFIG = "threshold 99\nreceiver a@example.org\nsender b@example.org\n"
            + "smtp localhost\nport 2525\nprefer ^mdfastpathnone$\navoid ^(?!mdfastpathnone$)\n";

    @Test
    void cronsFormsLoadNoPicocliAndNoMailClass() throws Exception {
        for (List<String> args : List.of(List.of("check"), List.of("0", "1"), List.of("check", "--no-mail"),
                List.of("check", "--dry-run"))) {
            List<String> loaded = classesLoaded(args);

            assertTrue(loaded.stream().anyMatch(l -> l.contains(" io.memorydaemon.cli.CheckArgs ")), args.toString());
            assertEquals(List.of(), matching(loaded, " picocli."), args.toString());
            assertEquals(List.of(), matching(loaded, " jakarta."), args.toString());
            assertEquals(List.of(), matching(loaded, " org.eclipse.angus."), args.toString());
        }
    }

    @Test
    void anyOtherSpellingGoesThroughPicocli() throws Exception {
        List<String> loaded = classesLoaded(List.of("check", "--config=CONFIG"));

        assertFalse(matching(loaded, " picocli.CommandLine ").isEmpty());
    }

    /** The classes a run of {@code mem_daemon ARGS} loaded (CONFIG in an argument is md.conf's path). */
    private static List<String> classesLoaded(List<String> args) throws Exception {
        RunAs user = RunAs.checkerUser();
        try (TempHome home = new TempHome(user)) {
            home.writeConfig(CONFIG);
            Path log = home.home().resolve("classes.txt");
            String[] argv = args.stream().map(a -> a.replace("CONFIG", home.config().toString())).toArray(String[]::new);

            Run.Result r = new ImageRun(user, home.home())
                    .env("MD_JAVA_OPTS", "-Xlog:class+load=info:file=" + log).run("mem_daemon", argv);

            assertEquals(0, r.exitCode(), args + ": " + r.stderr());
            return Files.readAllLines(log);
        }
    }

    private static List<String> matching(List<String> lines, String part) {
        return lines.stream().filter(l -> l.contains(part)).collect(Collectors.toList());
    }
}
