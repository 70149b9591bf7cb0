// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {

    /** A second JVM trying the same lock, as an overlapping cron run would. */
    private static final String PROBE = """
            import java.nio.channels.FileChannel;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;
            public class Probe {
                public static void main(String[] a) throws Exception {
                    try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE)) {
                        System.out.print(c.tryLock() == null ? "busy" : "free");
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aSecondHolderIsRefusedUntilTheFirstReleases() throws Exception {
        Path file = dir.resolve("md.lock");
        Optional<RunLock> first = RunLock.tryAcquire(file);
        assertTrue(first.isPresent());

        assertEquals(Optional.empty(), RunLock.tryAcquire(file));

        first.get().close();
        try (RunLock again = RunLock.tryAcquire(file).orElseThrow()) {
            assertTrue(Files.exists(file));
        }
    }

    @Test
    void anotherProcessSeesTheLockHeld() throws Exception {
        Path file = dir.resolve("md.lock");
        Files.writeString(dir.resolve("Probe.java"), PROBE);
        try (RunLock held = RunLock.tryAcquire(file).orElseThrow()) {
            assertEquals("busy", probe(file));
        }
        assertEquals("free", probe(file));
    }

    private String probe(Path file) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                dir.resolve("Probe.java").toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
