// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.system.OwnedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path dir;

    @Test
    void keptMailsAreOwnerOnlyAndListedOldestFirst() throws Exception {
        Outbox outbox = new Outbox(dir.resolve("outbox"));
        assertTrue(outbox.isEmpty(), "no directory yet is an empty outbox");

        Path first = outbox.keep(out -> out.write("Subject: one\r\n\r\n1\r\n".getBytes(StandardCharsets.US_ASCII)));
        Path second = outbox.keep(out -> out.write("Subject: two\r\n\r\n2\r\n".getBytes(StandardCharsets.US_ASCII)));

        assertEquals(List.of(first, second), outbox.list());
        for (Path p : outbox.list()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        }
        assertTrue(Files.readString(first).startsWith("Subject: one"));
    }

    @Test
    void aMailThatFailsWhileBeingWrittenLeavesNothingToRetry() {
        Outbox outbox = new Outbox(dir.resolve("outbox"));

        assertThrows(IOException.class, () -> outbox.keep(out -> {
            out.write("Subject: half".getBytes(StandardCharsets.US_ASCII));
            throw new IOException("disk full");
        }));

        assertTrue(outbox.isEmpty());
        assertEquals(0, dir.resolve("outbox").toFile().list().length, "no temporary file left behind");
    }
    @Test
    void aLinkInTheOutboxIsNeverListedSoNeverMailedOut() throws Exception {
        Outbox outbox = new Outbox(dir.resolve("outbox"));
        Path mail = outbox.keep(out -> out.write("Subject: mine\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        Path secret = Files.writeString(dir.resolve("secret"), "someone's secret");
        Files.createSymbolicLink(dir.resolve("outbox/0000000000000-0000.eml"), secret);

        assertEquals(List.of(mail), outbox.list());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(outbox.dir())));
    }

    @Test
    void anOutboxThatIsALinkIsRefusedAndItsTargetGetsNothing() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("0000000000000-0000.eml"), "Subject: planted\r\n\r\n");
        Outbox outbox = new Outbox(Files.createSymbolicLink(dir.resolve("outbox"), elsewhere));

        assertEquals(List.of(), outbox.list());
        IOException e = assertThrows(IOException.class, () -> outbox.keep(out -> out.write('x')));
        assertEquals(outbox.dir() + " is a symbolic link: remove it, memory-daemon recreates it", e.getMessage());
        assertEquals(1, elsewhere.toFile().list().length, "nothing written where the link points");
    }
    @Test
    void aFailedDirectoryIsPrivateAndALinkThereIsRefused() throws Exception {
        Outbox outbox = new Outbox(dir.resolve("outbox"));
        OwnedFiles.directory(outbox.failedDir());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(outbox.failedDir())));

        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Files.delete(outbox.failedDir());
        Files.createSymbolicLink(outbox.failedDir(), elsewhere);
        IOException e = assertThrows(IOException.class, () -> OwnedFiles.directory(outbox.failedDir()));
        assertEquals(outbox.failedDir() + " is a symbolic link: remove it, memory-daemon recreates it", e.getMessage());
    }
}
