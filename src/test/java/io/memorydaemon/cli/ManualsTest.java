// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The man pages the build writes: groff renders them without a warning, each has the sections a page of its kind
 * has, they name all that --help shows, and what they take from the user guide is complete and in step with the code.
 */
class ManualsTest {
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--?[A-Za-z][\\w-]*)");
    /** A line of the "Commands:" list of --help. */
    private static final Pattern COMMAND = Pattern.compile("(?m)^  ([\\w-]+) ");

    @TempDir
    static Path dir;

    @BeforeAll
    static void write() throws Exception {
        Manuals.write(dir.resolve("share"), guide(), "9.9.9");
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
        assertEquals(List.of(), ConfPage.drift(ConfPage.rows(guide())));
        String withoutPsi = guide().replaceAll("(?m)^\\| `psi` .*\\n", "")
                .replace("| `grace` |", "| `grace`, `sigkill_after` |");
        assertEquals(List.of("md.conf key 'psi' has no row in docs/user-guide.md's md.conf table",
                "docs/user-guide.md's md.conf table describes 'sigkill_after', which the parser refuses"),
                ConfPage.drift(ConfPage.rows(withoutPsi)));
    }

    /** man-pages(7)'s sections, in its order, as fits each page: the launchers have options and exit codes. */
    @Test
    void eachPageHasItsSectionsInOrder() throws Exception {
        Map<String, List<String>> expected = Map.of(
                "man1/mem_daemon.1", List.of("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "EXIT STATUS",
                        "ENVIRONMENT", "FILES", "SEE ALSO"),
                "man1/md_wizard.1", List.of("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "EXIT STATUS",
                        "ENVIRONMENT", "FILES", "SEE ALSO"),
                "man5/md.conf.5", List.of("NAME", "SYNOPSIS", "DESCRIPTION", "KEYS", "ENVIRONMENT", "FILES", "EXAMPLE",
                        "SEE ALSO"));
        for (var page : expected.entrySet()) {
            String source = Files.readString(dir.resolve("share/man").resolve(page.getKey()), StandardCharsets.UTF_8);
            List<String> sections = source.lines().filter(l -> l.startsWith(".SH ")).map(l -> l.substring(4)).toList();
            assertEquals(page.getValue(), sections, page.getKey());
        }
    }

    @Test
    void memDaemonsPageNamesEveryFileAndVariableItUses() throws Exception {
        String page = render("man1/mem_daemon.1").stdout();
        String files = page.substring(page.indexOf("\nFILES\n"), page.indexOf("\nSEE ALSO\n"));
        for (String file : List.of("~/.config/mem_daemon/md.conf", "/etc/memory-daemon/md.conf", "tmp.log.1",
                "md.lock", "outbox/", "warned.state", "metrics_file", "/var/lib/memory-daemon/", "1 MiB, 3 kept")) {
            assertTrue(files.contains(file), "FILES of mem_daemon(1) lacks " + file + ":\n" + files);
        }
        String env = page.substring(page.indexOf("\nENVIRONMENT\n"), page.indexOf("\nFILES\n"));
        for (String variable : List.of("XDG_CONFIG_HOME", "STATE_DIRECTORY", "MD_JAVA_OPTS", "HOME")) {
            assertTrue(env.contains(variable), "ENVIRONMENT of mem_daemon(1) lacks " + variable + ":\n" + env);
        }
    }

    /** Every variable the launcher script or the code reads from the environment has a row in the guide's table. */
    @Test
    void everyVariableReadHasARowInTheEnvironmentTable() throws Exception {
        Set<String> documented = new LinkedHashSet<>();
        for (List<String> row : DocTables.rows(DocTables.section(guide(), "Environment"))) {
            Matcher v = Pattern.compile("`([A-Z_]+)`").matcher(row.get(0));
            while (v.find()) {
                documented.add(v.group(1));
            }
        }
        Set<String> read = new LinkedHashSet<>();
        Matcher launcher = Pattern.compile("\\$\\{?([A-Z][A-Z_]+)").matcher(project("packaging/launcher.sh.in"));
        while (launcher.find()) {
            read.add(launcher.group(1));
        }
        try (Stream<Path> sources = Files.walk(Path.of(System.getProperty("md.project", "."), "src/main/java"))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher code = Pattern.compile("(?:get|getOrDefault)\\(\"([A-Z][A-Z_]+)\"")
                        .matcher(Files.readString(source, StandardCharsets.UTF_8));
                while (code.find()) {
                    read.add(code.group(1));
                }
            }
        }
        assertTrue(read.containsAll(List.of("MD_JAVA_OPTS", "XDG_CONFIG_HOME", "STATE_DIRECTORY")), read.toString());
        read.removeAll(documented);
        assertEquals(Set.of(), read, "read from the environment but not in the guide's Environment table");
    }

    /** md.conf(5) is complete on its own: both files, no link or reference to a section it does not have. */
    @Test
    void theConfPageStandsOnItsOwn() throws Exception {
        String source = Files.readString(dir.resolve("share/man/man5/md.conf.5"), StandardCharsets.UTF_8);
        String page = render("man5/md.conf.5").stdout();
        assertTrue(page.contains("/etc/memory-daemon/md.conf"), page);
        assertTrue(page.contains("${XDG_CONFIG_HOME:-~/.config}/mem_daemon/md.conf"), page);
        assertFalse(source.contains("]("), "a markdown link left in the page:\n" + source);
        assertFalse(Pattern.compile("(?i)\\(see [^)]*\\)").matcher(page).find(), "a reference the page cannot follow:\n" + page);
        assertTrue(page.contains("15-character"), "avoid and prefer say what they match:\n" + page);
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

    static String guide() throws Exception {
        return project(ConfPage.GUIDE);
    }

    private static String project(String file) throws Exception {
        return Files.readString(Path.of(System.getProperty("md.project", "."), file), StandardCharsets.UTF_8);
    }
}
