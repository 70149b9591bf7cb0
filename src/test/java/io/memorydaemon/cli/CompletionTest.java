// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memorydaemon.testing.Run;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The bash completions the build writes, sourced in bash and asked as bash asks them on TAB. */
class CompletionTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void write() throws Exception {
        Manuals.write(dir.resolve("share"), ManualsTest.guide(), "9.9.9");
    }

    @Test
    void memDaemonCompletesItsCommandsAndTheirOptions() throws Exception {
        assertEquals(commands(Manuals.memDaemon()), complete("mem_daemon", ""));
        assertTrue(complete("mem_daemon", "watch", "--").containsAll(List.of("--interval", "--config", "--dry-run")));
        assertEquals(List.of("--no-mail"), complete("mem_daemon", "check", "--no"));
    }

    @Test
    void mdWizardCompletesItsCommands() throws Exception {
        assertEquals(commands(Manuals.mdWizard()), complete("md_wizard", ""));
        assertEquals(List.of("--keep-config"), complete("md_wizard", "uninstall", "--k"));
    }

    private static List<String> commands(CommandLine cl) {
        return ManPage.visible(cl).stream().map(CommandLine::getCommandName).toList();
    }

    /** COMPREPLY for the words typed, the last being the one TAB completes; the script registers itself. */
    private static List<String> complete(String launcher, String... words) throws Exception {
        assumeTrue(ManualsTest.onPath("bash"), "no bash here: the bash completion cannot be checked");
        Path script = dir.resolve("share/bash-completion/completions").resolve(launcher);
        String typed = launcher + " " + String.join(" ", words);
        Run.Result r = Run.of("bash", "-c", "source \"$1\" && complete -p \"$2\" && COMP_LINE=\"$3\""
                + " && COMP_POINT=${#COMP_LINE} && read -ra COMP_WORDS <<< \"$3\""
                + " && if [ \"${3: -1}\" = ' ' ]; then COMP_WORDS+=(''); fi && COMP_CWORD=$((${#COMP_WORDS[@]} - 1))"
                + " && \"_complete_$2\" 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"",
                "bash", script.toString(), launcher, typed).env("PATH", System.getenv("PATH")).ok();
        List<String> lines = r.stdout().lines().toList();
        assertEquals("complete -o default -F _complete_" + launcher + " " + launcher, lines.get(0));
        return lines.subList(1, lines.size());
    }
}
