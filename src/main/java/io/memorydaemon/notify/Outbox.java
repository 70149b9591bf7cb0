// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import io.memorydaemon.system.OwnedFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * Waiting mails, oldest first: only regular files of this user (a link here could make a retry mail out
     * whatever it points to). An outbox that is a link or someone else's holds nothing; {@link #keep} says why.
     */
    public List<Path> list() {
        List<Path> files = new ArrayList<>();
        try {
            OwnedFiles.checkDirectory(dir);
        } catch (IOException e) {
            return files;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.eml")) {
            s.forEach(files::add);
        } catch (IOException e) {
            return files;
        }
        files.removeIf(f -> !OwnedFiles.isOwnedFile(f));
        files.sort(null);
        return files;
    }

    /**
     * Writes a mail through a temporary file, so a crash never leaves half a mail to retry. The outbox is made
     * 0700 and the mail 0600 whatever the umask; an outbox that is a link or someone else's is refused.
     */
    public Path keep(MessageWriter writer) throws IOException {
        OwnedFiles.directory(dir);
        String name = String.format("%013d-%04d", System.currentTimeMillis(), SEQUENCE.incrementAndGet() % 10000);
        Path tmp = dir.resolve(name + ".tmp");
        try (FileChannel channel = OwnedFiles.createNew(tmp)) {
            OutputStream out = Channels.newOutputStream(channel);
            writer.writeTo(out);
            out.flush();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Path target = dir.resolve(name + ".eml");
        OwnedFiles.replace(tmp, target);
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

    /** Writes one message's bytes. */
    @FunctionalInterface
    public interface MessageWriter {
        void writeTo(OutputStream out) throws IOException;
    }
}
