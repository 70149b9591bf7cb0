// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Mails that could not be sent, one RFC 822 file each, kept (mode 0600) until a later run delivers them. */
public final class Outbox {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Path dir;

    public Outbox(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Whether anything is waiting; cheap, so every run can ask. */
    public boolean isEmpty() {
        return list().isEmpty();
    }

    /** Waiting mails, oldest first. */
    public List<Path> list() {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.eml")) {
            s.forEach(files::add);
        } catch (IOException e) {
            return files;
        }
        files.sort(null);
        return files;
    }

    /** Writes a mail through a temporary file, so a crash never leaves half a mail to retry. */
    public Path keep(MessageWriter writer) throws IOException {
        Files.createDirectories(dir);
        String name = String.format("%013d-%04d", System.currentTimeMillis(), SEQUENCE.incrementAndGet() % 10000);
        Path tmp = dir.resolve(name + ".tmp");
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(tmp)) {
            writer.writeTo(out);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Path target = dir.resolve(name + ".eml");
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** Where mails refused for good (or kept too long) are moved: kept for the user to read, never retried. */
    public Path failedDir() {
        return dir.resolve("failed");
    }

    /** How many mails were given up. */
    public int failedCount() {
        if (!Files.isDirectory(failedDir(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(failedDir(), "*.eml")) {
            int n = 0;
            for (Path ignored : s) {
                n++;
            }
            return n;
        } catch (IOException e) {
            return 0;
        }
    }

    /** A directory only its owner can enter (0700 whatever the umask). */
    static void createPrivateDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Writes one message's bytes. */
    @FunctionalInterface
    public interface MessageWriter {
        void writeTo(OutputStream out) throws IOException;
    }
}
