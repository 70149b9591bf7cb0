// SPDX-License-Identifier: MIT
package io.memorydaemon.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.app.Environment;
import io.memorydaemon.cli.MemDaemon;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors of {@code watch} exit 2 before it watches anything. */
class WatchCommandTest {
    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        Environment env = new Environment(Map.of("HOME", home.toString()), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return MemDaemon.run(env, args);
    }

    @Test
    void anIntervalBelow100MillisIsAUsageError() {
        assertEquals(2, run("watch", "--interval", "10ms"));
        assertTrue(err.toString().contains("use 100ms to 1h"), err.toString());
    }

    @Test
    void anIntervalThatIsNotADurationIsAUsageError() {
        assertEquals(2, run("watch", "--interval", "soon"));
        assertTrue(err.toString().contains("write e.g. 500ms, 1s or 2m"), err.toString());
    }

    @Test
    void aBadConfigStopsItBeforeItWatches() throws Exception {
        Path conf = Files.writeString(home.resolve("md.conf"), "threshold 100\n");

        assertEquals(2, run("watch", "--config", conf.toString()));
        assertTrue(err.toString().contains("md.conf:1"), err.toString());
    }

    @Test
    void helpDocumentsTheLockAndTheExitCode() {
        assertEquals(0, run("watch", "--help"));
        assertTrue(out.toString().contains("action=skipped"), out.toString());
        assertTrue(out.toString().contains("143"), out.toString());
    }
}
