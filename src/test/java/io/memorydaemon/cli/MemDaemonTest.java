// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.memorydaemon.app.CheckService;
import io.memorydaemon.app.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line in-process, with injected output; none of these runs reaches a check. */
class MemDaemonTest {
    @TempDir
    Path home;

    private InProcess md;

    private int run(String... args) {
        md = md == null ? new InProcess(home) : md;
        return md.run(args);
    }

    @Test
    void theOriginalPositionalFormsBecomeCheckOptions() {
        assertArrayEquals(new String[] {"check"}, MemDaemon.translateLegacy(new String[] {"0", "1"}));
        assertArrayEquals(new String[] {"check", "--test"}, MemDaemon.translateLegacy(new String[] {"1", "1"}));
        assertArrayEquals(new String[] {"check", "--no-mail"}, MemDaemon.translateLegacy(new String[] {"0", "0"}));
        assertArrayEquals(new String[] {"check", "--test", "--no-mail"},
                MemDaemon.translateLegacy(new String[] {"1", "0"}));
    }

    @Test
    void otherArgumentsAreLeftAlone() {
        for (String[] args : new String[][] {{"2", "1"}, {"0"}, {"0", "1", "1"}, {"check", "--dry-run"}, {}}) {
            assertArrayEquals(args, MemDaemon.translateLegacy(args));
        }
    }

    @Test
    void helpAndVersionExitZero() {
        assertEquals(0, run("--help"));
        assertTrue(md.out().startsWith("Usage: mem_daemon"), md.out());
        assertTrue(md.out().contains("2   bad usage or bad md.conf"), md.out());

        assertEquals(0, run("check", "--version"));
        assertTrue(md.out().contains("memory-daemon "), md.out());
    }

    @Test
    void aMissingConfigIsBadUsageNamingTheFile() {
        assertEquals(2, run("check"));

        assertEquals(home.resolve(".config/mem_daemon/md.conf") + ": not found; run 'md_wizard install' to create it"
                + System.lineSeparator(), md.err());
    }

    @Test
    void configOverridesThePath() {
        assertEquals(2, run("check", "--config", home.resolve("other.conf").toString()));

        assertTrue(md.err().startsWith(home.resolve("other.conf") + ": not found"), md.err());
    }

    @Test
    void dryRunAndTestCannotBeCombined() {
        assertEquals(2, run("check", "--dry-run", "--test"));

        assertTrue(md.err().contains("mutually exclusive"), md.err());
    }

    @Test
    void theFastPathBuildsTheRequestPicocliWould() {
        String[][] forms = {{"check"}, {"check", "--dry-run"}, {"check", "--test"}, {"check", "--no-mail"},
            {"check", "--dry-run", "--no-mail"}, {"check", "--no-mail", "--test"},
            {"check", "--config", "/etc/md.conf"}, {"check", "--test", "--config", "rel/md.conf", "--no-mail"},
            {"0", "1"}, {"1", "1"}, {"0", "0"}, {"1", "0"}};
        for (String[] args : forms) {
            Optional<CheckService.Request> fast = CheckArgs.parse(MemDaemon.translateLegacy(args));

            assertEquals(Optional.of(picocliRequest(args)), fast, String.join(" ", args));
        }
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        String[][] others = {{}, {"--help"}, {"--version"}, {"watch"}, {"check", "--help"}, {"check", "-h"},
            {"check", "--version"}, {"check", "--dry-run", "--test"}, {"check", "--test", "--test"},
            {"check", "--no-mail", "--no-mail"}, {"check", "--config"}, {"check", "--config", "--dry-run"},
            {"check", "--config", ""}, {"check", "--config", "a", "--config", "b"}, {"check", "--config=a"},
            {"check", "extra"}, {"check", "--"}, {"check", "--dry"}, {"2", "1"}, {"0", "1", "1"}};
        for (String[] args : others) {
            assertEquals(Optional.empty(), CheckArgs.parse(MemDaemon.translateLegacy(args)), String.join(" ", args));
        }
    }

    @Test
    void theWatchFastPathBuildsTheRequestPicocliWould() {
        String[][] forms = {{"watch"}, {"watch", "--interval", "500ms"}, {"watch", "--interval", "2"},
            {"watch", "--dry-run"}, {"watch", "--config", "/etc/md.conf"},
            {"watch", "--config", "rel/md.conf", "--interval", "1h", "--dry-run"}, {"watch", "--system"},
            {"watch", "--system", "--config", "/srv/md.conf"}};
        for (String[] args : forms) {
            assertEquals(Optional.of(picocliWatchRequest(args)), WatchArgs.parse(args), String.join(" ", args));
        }
        String[][] others = {{"watch", "--help"}, {"watch", "--interval"}, {"watch", "--interval", "10ms"},
            {"watch", "--interval", "soon"}, {"watch", "--interval", "1s", "--interval", "2s"},
            {"watch", "--interval=1s"}, {"watch", "--config"}, {"watch", "--config", "--dry-run"},
            {"watch", "--dry-run", "--dry-run"}, {"watch", "--system", "--system"}, {"watch", "extra"}, {"check"}, {}};
        for (String[] args : others) {
            assertEquals(Optional.empty(), WatchArgs.parse(args), String.join(" ", args));
        }
    }

    private WatchArgs.Watch picocliWatchRequest(String[] args) {
        Environment env = new Environment(Map.of("HOME", home.toString()), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        CommandLine.ParseResult parsed = new CommandLine(new MemDaemonCommand(), new Factory(env)).parseArgs(args);
        if (!parsed.hasSubcommand() || !(parsed.subcommand().commandSpec().userObject() instanceof WatchCommand c)) {
            fail("picocli did not parse a watch: " + String.join(" ", args));
            return null;
        }
        return c.watch();
    }

    /** The request picocli's CheckCommand builds from the same arguments, as MemDaemon.run would parse them. */
    private CheckService.Request picocliRequest(String[] args) {
        Environment env = new Environment(Map.of("HOME", home.toString()), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        CommandLine.ParseResult parsed = new CommandLine(new MemDaemonCommand(), new Factory(env))
                .parseArgs(MemDaemon.translateLegacy(args));
        if (!parsed.hasSubcommand() || !(parsed.subcommand().commandSpec().userObject() instanceof CheckCommand c)) {
            fail("picocli did not parse a check: " + String.join(" ", args));
            return null;
        }
        return c.request();
    }
}
