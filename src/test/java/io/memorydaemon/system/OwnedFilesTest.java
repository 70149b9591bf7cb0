// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memorydaemon.testing.Root;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules for every file memory-daemon owns, tried one by one; another user's files need root to make. */
class OwnedFilesTest {
    private static final String THEIRS = "someone else's data\n";

    @TempDir
    Path dir;

    @Test
    void createdFilesAre0600AndDirectories0700ThoughTheUmaskIs022() throws Exception {
        Path plain = Files.createFile(dir.resolve("plain"));
        // umask 022 (here) or 002 gives a plain file group or other bits: the modes below are set, not inherited
        assumeTrue(!mode(plain).equals("rw-------"), "umask " + umask() + " is already private");

        Path nested = dir.resolve("a/b");
        OwnedFiles.createDirectories(nested);
        Path outbox = nested.resolve("outbox");
        OwnedFiles.directory(outbox);
        try (FileChannel log = OwnedFiles.append(nested.resolve("tmp.log"));
             FileChannel lock = OwnedFiles.openOrCreate(nested.resolve("md.lock"));
             FileChannel tmp = OwnedFiles.createNew(outbox.resolve("x.tmp"))) {
            assertTrue(log.isOpen() && lock.isOpen() && tmp.isOpen());
        }

        assertEquals("rwx------", mode(dir.resolve("a")));
        assertEquals("rwx------", mode(nested));
        assertEquals("rwx------", mode(outbox));
        assertEquals("rw-------", mode(nested.resolve("tmp.log")));
        assertEquals("rw-------", mode(nested.resolve("md.lock")));
        assertEquals("rw-------", mode(outbox.resolve("x.tmp")));
    }

    @Test
    void anExistingFileKeepsItsModeAndItsContent() throws Exception {
        Path log = Files.writeString(dir.resolve("tmp.log"), "old\n");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r-----"));

        append(log, "new\n");

        assertEquals("old\nnew\n", Files.readString(log));
        assertEquals("rw-r-----", mode(log));
    }

    @Test
    void noOpenGoesThroughASymbolicLink() throws Exception {
        Path target = Files.writeString(dir.resolve("victim"), THEIRS);
        Path link = Files.createSymbolicLink(dir.resolve("tmp.log"), target);
        Path dangling = Files.createSymbolicLink(dir.resolve("md.lock"), dir.resolve("created-through-link"));

        assertRefused(link, "is a symbolic link", () -> OwnedFiles.append(link));
        assertRefused(link, "is a symbolic link", () -> OwnedFiles.openOrCreate(link));
        assertRefused(link, "is a symbolic link", () -> OwnedFiles.createNew(link));
        assertRefused(link, "is a symbolic link", () -> OwnedFiles.read(link));
        assertRefused(dangling, "is a symbolic link", () -> OwnedFiles.openOrCreate(dangling));
        assertRefused(dangling, "is a symbolic link", () -> OwnedFiles.append(dangling));

        assertEquals(THEIRS, Files.readString(target));
        assertFalse(Files.exists(dir.resolve("created-through-link")), "nothing created where the link points");
        assertFalse(OwnedFiles.isOwnedFile(link));
    }

    @Test
    void anotherUsersFileIsRefused() throws Exception {
        Path log = Files.writeString(dir.resolve("tmp.log"), THEIRS);
        Files.setOwner(log, nobody());

        assertRefused(log, "is owned by uid " + uid(log) + ", not by this user (uid " + Root.uid() + ")", () -> OwnedFiles.append(log));
        assertRefused(log, "is owned by uid", () -> OwnedFiles.openOrCreate(log));
        assertRefused(log, "is owned by uid", () -> OwnedFiles.read(log));
        assertEquals(THEIRS, Files.readString(log));
        assertFalse(OwnedFiles.isOwnedFile(log));
    }

    @Test
    void aHardLinkIsRefusedAsItWouldWriteIntoTheLinkedFile() throws Exception {
        Path target = Files.writeString(dir.resolve("victim"), THEIRS);
        Path log = Files.createLink(dir.resolve("tmp.log"), target);

        assertRefused(log, "has 2 hard links", () -> OwnedFiles.append(log));
        assertEquals(THEIRS, Files.readString(target));
    }

    @Test
    void aDirectoryTheToolKeepsFilesInMustBeARealDirectoryOfThisUser() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path linked = Files.createSymbolicLink(dir.resolve("outbox"), elsewhere);
        Path foreign = Files.createDirectory(dir.resolve("foreign"));
        Files.setOwner(foreign, nobody());
        Path file = Files.createFile(dir.resolve("file"));

        assertRefused(linked, "is a symbolic link", () -> OwnedFiles.directory(linked));
        assertRefused(foreign, "is owned by uid " + uid(foreign), () -> OwnedFiles.directory(foreign));
        assertRefused(file, "is not a directory", () -> OwnedFiles.checkDirectory(file));
        assertTrue(Files.isSymbolicLink(linked), "left as it was");
    }

    @Test
    void aReplaceRenamesTheLinkItselfNeverItsTarget() throws Exception {
        Path target = Files.writeString(dir.resolve("victim"), THEIRS);
        Path state = Files.createSymbolicLink(dir.resolve("warned.state"), target);
        Path tmp = dir.resolve("warned.state.tmp");
        append(tmp, "1 2 3\n");

        OwnedFiles.replace(tmp, state);

        assertEquals(THEIRS, Files.readString(target));
        assertTrue(OwnedFiles.isOwnedFile(state), "the link is gone, the new file in its place");
        assertEquals("1 2 3\n", Files.readString(state));
    }

    private static void append(Path file, String text) throws IOException {
        try (FileChannel c = OwnedFiles.append(file)) {
            c.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static void assertRefused(Path file, String problem, Opening opening) {
        UnsafeFileException e = assertThrows(UnsafeFileException.class, opening::open);
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file + " " + problem), e.getMessage());
        assertTrue(e.getMessage().endsWith(": remove it, memory-daemon recreates it"), e.getMessage());
        assertEquals(e.getMessage(), e.toString(), "printed whole, the exception is the one line");
    }

    @FunctionalInterface
    private interface Opening {
        void open() throws IOException;
    }

    private static UserPrincipal nobody() throws IOException {
        Root.assume("give a file to another user");
        return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    }

    private static int uid(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    /** This JVM's umask, as the kernel reports it. */
    private static String umask() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Umask:"))
                .map(l -> l.substring(6).strip()).findFirst().orElseThrow();
    }
}
