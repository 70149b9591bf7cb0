// SPDX-License-Identifier: MIT
package io.memorydaemon.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.cli.InProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors of {@code watch} exit 2 before it watches anything. */
class WatchCommandTest {
    @TempDir
    Path home;

    private InProcess md;

    private int run(String... args) {
        md = md == null ? new InProcess(home) : md;
        return md.run(args);
    }

    @Test
    void anIntervalBelow100MillisIsAUsageError() {
        assertEquals(2, run("watch", "--interval", "10ms"));
        assertTrue(md.err().contains("use 100ms to 1h"), md.err());
    }

    @Test
    void anIntervalThatIsNotADurationIsAUsageError() {
        assertEquals(2, run("watch", "--interval", "soon"));
        assertTrue(md.err().contains("write e.g. 500ms, 1s or 2m"), md.err());
    }

    @Test
    void aBadConfigStopsItBeforeItWatches() throws Exception {
        Path conf = Files.writeString(home.resolve("md.conf"), "threshold 100\n");

        assertEquals(2, run("watch", "--config", conf.toString()));
        assertTrue(md.err().contains("md.conf:1"), md.err());
    }

    @Test
    void helpDocumentsTheLockAndTheExitCode() {
        assertEquals(0, run("watch", "--help"));
        assertTrue(md.out().contains("action=skipped"), md.out());
        assertTrue(md.out().contains("143"), md.out());
    }
}
