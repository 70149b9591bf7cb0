// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memorydaemon.config.ConfigParser;
import io.memorydaemon.testing.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The man pages the build writes: groff renders them without a warning, and they name all that --help shows. */
class ManualsTest {
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--?[A-Za-z][\\w-]*)");
    /** A line of the "Commands:" list of --help. */
    private static final Pattern COMMAND = Pattern.compile("(?m)^  ([\\w-]+) ");

    @TempDir
    static Path dir;

    @BeforeAll
    static void write() throws Exception {
        Manuals.write(dir.resolve("share"), readme(), "9.9.9");
    }

    @Test
    void everyPageRendersWithoutAWarning() throws Exception {
        for (String page : List.of("man1/mem_daemon.1", "man1/md_wizard.1", "man5/md.conf.5")) {
            Run.Result r = render(page);
            assertEquals(0, r.exitCode(), page + ": " + r.stderr());
            assertEquals("", r.stderr(), page + " has groff warnings");
            assertTrue(r.stdout().contains("memory-daemon 9.9.9"), page + " names the version:\n" + r.stdout());
        }
    }

    @Test
    void theLauncherPagesNameEveryOptionAndCommandTheirHelpShows() throws Exception {
        check(Manuals.memDaemon(), "man1/mem_daemon.1");
        check(Manuals.mdWizard(), "man1/md_wizard.1");
    }

    @Test
    void theConfPageNamesEveryKeyTheParserKnows() throws Exception {
        String page = render("man5/md.conf.5").stdout();
        for (String key : ConfigParser.KNOWN_KEYS) {
            assertTrue(Pattern.compile("(?m)^ +(\\S+, )*" + key + "\\b").matcher(page).find(),
                    "md.conf(5) has no entry for " + key + ":\n" + page);
        }
    }

    @Test
    void aKeyWithoutADescriptionStopsTheBuild() throws Exception {
        assertEquals(List.of(), ConfPage.drift(ConfPage.rows(readme())));
        String withoutPsi = readme().replaceAll("(?m)^\\| `psi` .*\\n", "")
                .replace("| `grace` |", "| `grace`, `sigkill_after` |");
        assertEquals(List.of("md.conf key 'psi' has no row in README.md's md.conf table",
                "README.md's md.conf table describes 'sigkill_after', which the parser refuses"),
                ConfPage.drift(ConfPage.rows(withoutPsi)));
    }

    /** Every option and subcommand in the usage text of the command and of each subcommand. */
    private static void check(CommandLine root, String page) throws Exception {
        String text = render(page).stdout();
        List<CommandLine> all = new ArrayList<>(List.of(root));
        all.addAll(ManPage.visible(root));
        Set<String> shown = new LinkedHashSet<>();
        for (CommandLine cl : all) {
            String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            Matcher o = OPTION.matcher(usage);
            while (o.find()) {
                shown.add(o.group(1));
            }
            Matcher c = COMMAND.matcher(cl.getHelp().commandList());
            while (c.find()) {
                shown.add(root.getCommandName() + " " + c.group(1));
            }
        }
        assertTrue(shown.size() > 5, "too little found in --help: " + shown);
        for (String name : shown) {
            assertTrue(Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])").matcher(text).find(),
                    page + " does not name " + name + ", which --help shows:\n" + text);
        }
    }

    private static Run.Result render(String page) throws Exception {
        assumeTrue(onPath("groff"), "no groff here: apt-get install groff-base to check the man pages");
        Run.Result r = Run.of("groff", "-man", "-Tutf8", "-ww", dir.resolve("share/man").resolve(page).toString())
                .env("PATH", System.getenv("PATH")).go();
        // plain text: no overstruck bold, and the hyphens some groff setups print as U+2010 or U+2212
        String plain = r.stdout().replaceAll(".\b", "").replace('\u2010', '-').replace('\u2212', '-');
        return new Run.Result(r.exitCode(), plain, r.stderr());
    }

    static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }

    static String readme() throws Exception {
        return Files.readString(Path.of(System.getProperty("md.project", "."), "README.md"), StandardCharsets.UTF_8);
    }
}
