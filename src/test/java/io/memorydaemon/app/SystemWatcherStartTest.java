// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.system.Capabilities;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemWatcherStartTest {
    private static final List<String> ARGS = List.of("watch", "--system", "--interval", "1000ms");

    @TempDir
    Path state;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Environment env() {
        return new Environment(Map.of("STATE_DIRECTORY", state.toString(), "PATH", "/usr/bin:/bin"),
                new PrintWriter(out), new PrintWriter(err)).asSystem();
    }

    @Test
    void theServiceUserWithTheUnitsCapabilitiesGoesOnSilently() {
        OptionalInt stop = SystemWatcherStart.prepare(env(), new Capabilities(998, 998, Capabilities.SYSTEM_WATCHER),
                Optional.empty(), ARGS);
        assertEquals(OptionalInt.empty(), stop);
        assertEquals("", out.toString() + err);
    }

    @Test
    void withoutCapKillAnErrorAndWithoutCapSysPtraceAWarningAtStartThenItGoesOn() {
        OptionalInt stop = SystemWatcherStart.prepare(env(), new Capabilities(998, 998, 0), Optional.empty(), ARGS);

        assertEquals(OptionalInt.empty(), stop, "it still watches (and warns, and reports each failed kill)");
        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.size(), out.toString());
        assertTrue(lines.get(0).startsWith("<3>") && lines.get(0).contains("without CAP_KILL (CapEff 0000000000000000)")
                && lines.get(0).contains("EPERM"), lines.get(0));
        assertTrue(lines.get(1).startsWith("<4>") && lines.get(1).contains("without CAP_SYS_PTRACE")
                && lines.get(1).contains("avoid and prefer"), lines.get(1));
        assertEquals("", err.toString(), "the journal's stdout only");
    }

    @Test
    void onlyCapSysPtraceMissingIsAWarningAlone() {
        SystemWatcherStart.prepare(env(), new Capabilities(998, 998, 1L << Capabilities.CAP_KILL), Optional.empty(),
                ARGS);
        List<String> lines = out.toString().lines().toList();
        assertEquals(1, lines.size(), out.toString());
        assertTrue(lines.get(0).startsWith("<4>"), lines.get(0));
    }

    @Test
    void rootOutsideAnImageRefusesInOneLineThatGivesTheSetprivCommandAndTouchesNothing() throws Exception {
        Files.delete(state);
        OptionalInt stop = SystemWatcherStart.prepare(env(), new Capabilities(0, 0, -1L), Optional.empty(), ARGS);

        assertEquals(OptionalInt.of(ExitCode.USAGE), stop);
        List<String> lines = out.toString().lines().toList();
        assertEquals(1, lines.size(), out.toString());
        assertTrue(lines.get(0).startsWith("<3>"), lines.get(0));
        assertTrue(lines.get(0).contains("run: setpriv --reuid=memory-daemon --regid=memory-daemon --init-groups"
                + " --inh-caps=-all,+kill,+sys_ptrace --ambient-caps=-all,+kill,+sys_ptrace"
                + " --bounding-set=-all,+kill,+sys_ptrace --no-new-privs -- /opt/memory-daemon/bin/mem_daemon watch"
                + " --system --interval 1000ms"), lines.get(0));
        assertTrue(!Files.exists(state), "no state directory made");
    }

    @Test
    void aStartUpFailureIsAnErrorLineOfTheJournal() {
        assertEquals(ExitCode.FAILURE, SystemWatcherStart.failed(env(), new IllegalStateException("boom")));
        assertTrue(out.toString().matches("<3>time=\\S+ level=error msg=\"watch failed: java.lang"
                + ".IllegalStateException: boom\"\\R"), out.toString());
    }

    @Test
    void aRefusedMdConfIsOneErrorLineOfTheJournalPerProblemAndExit2() throws Exception {
        Path conf = Files.writeString(state.resolve("md.conf"), "threshold 150\n");
        int code = new WatchService(env()).run(new WatchService.Request(Optional.of(conf), 1000, false));

        assertEquals(ExitCode.USAGE, code);
        List<String> lines = out.toString().lines().toList();
        assertTrue(!lines.isEmpty() && lines.stream().allMatch(l -> l.startsWith("<3>") && l.contains(conf + ":")),
                out.toString());
        assertEquals("", err.toString(), "nothing plain on stderr, without its priority");
    }
}
