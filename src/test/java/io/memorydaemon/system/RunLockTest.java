// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Root;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {

    /** A second JVM trying the same lock, as an overlapping cron run would. */
    private static final String PROBE = """
            import java.nio.channels.FileChannel;
            import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    @Test
    void aLockFileThatIsALinkIsRefusedWithTheFix() throws Exception {
        Path target = Files.writeString(dir.resolve("someone-elses"), "theirs\n");
        Path link = Files.createSymbolicLink(dir.resolve("md.lock"), target);

        UnsafeFileException e = assertThrows(UnsafeFileException.class, () -> RunLock.tryAcquire(link));
        assertEquals(link + " is a symbolic link: remove it, memory-daemon recreates it", e.toString());
        assertEquals("theirs\n", Files.readString(target));
    }

    @Test
    void aLockFileSomeoneElseOwnsIsRefused() throws Exception {
        Root.assume("give a file to another user");
        Path file = Files.createFile(dir.resolve("md.lock"));
        Files.setOwner(file, file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));

        assertTrue(assertThrows(UnsafeFileException.class, () -> RunLock.tryAcquire(file)).getMessage()
                .contains(" is owned by uid "));
    }

    @Test
    void theLockIsCreated0600InADirectory0700() throws Exception {
        Path file = dir.resolve("mem_daemon/md.lock");
        try (RunLock held = RunLock.tryAcquire(file).orElseThrow()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        }
    }
}
