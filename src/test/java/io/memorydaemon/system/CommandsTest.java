// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one runner, with real commands: deadlines by the wall clock, bounded output, one error shape. */
class CommandsTest {
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

    @Test
    void aCommandThatPrintsThenHangsIsKilledAtItsDeadlineWithItsChildren() {
        // before: pass_command's output was read to its end before the wait began, so 'sleep 70' took 70 s
        Commands.Result r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Commands.run(
                List.of("/bin/sh", "-c", "echo started; sleep 70; echo never"), ENV, "", Duration.ofSeconds(1)));

        assertEquals(Commands.Result.TIMED_OUT, r.exitCode());
        assertTrue(r.firstLine().contains("no answer within 1 s"), r.firstLine());
    }

    @Test
    void outputIsCappedNeverBufferedWhole() {
        Commands.Result r = Commands.run(List.of("/bin/sh", "-c", "head -c 5000000 /dev/zero | tr '\\0' x"), ENV, "",
                Duration.ofSeconds(20));

        assertEquals(0, r.exitCode());
        assertEquals(Commands.MAX_OUTPUT_BYTES, r.stdout().length());
    }

    @Test
    void stdinIsWrittenAndStderrGivesTheOneLineReason() {
        Commands.Result echo = Commands.run(List.of("cat"), ENV, "line one\n");
        assertEquals("line one\n", echo.stdout());

        Commands.Result failed = Commands.run(List.of("/bin/sh", "-c", "echo 'first reason' >&2; echo more >&2; exit 3"),
                ENV, "");
        assertEquals(3, failed.exitCode());
        assertEquals("first reason", failed.firstLine());

        Commands.Result missing = Commands.run(List.of("no-such-command-here"), ENV, "");
        assertEquals(Commands.Result.CANNOT_RUN, missing.exitCode());
        assertTrue(missing.firstLine().startsWith("no-such-command-here: cannot run"), missing.firstLine());
    }
}
