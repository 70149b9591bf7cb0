// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The log file (tmp.log by default): one line per decision, appended; rotated to {@code .1 … .N} when it
 * passes its size cap. Lines also go to the console when a person is watching, and errors always go to
 * stderr; a line is not written twice when stderr is itself redirected into the log (as the cron line does).
 */
public final class EventLog {
    public static final long MAX_BYTES = 1024 * 1024;
    public static final int KEEP = 3;

    private final Path file;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean echo;

    /** @param echo also print each line to {@code out} (interactive runs) */
    public EventLog(Path file, PrintWriter out, PrintWriter err, boolean echo) {
        this.file = file;
        this.out = out;
        this.err = err;
        this.echo = echo;
    }

    public Path file() {
        return file;
    }

    public void info(String line) {
        if (echo) {
            out.println(line);
            out.flush();
        }
        append(line);
    }

    /** A problem the user must see: stderr, and the log unless stderr already is the log. */
    public void error(String line) {
        err.println(line);
        err.flush();
        if (!stderrIsLog()) {
            append(line);
        }
    }

    private boolean stderrIsLog() {
        try {
            return Files.exists(file) && Files.isSameFile(Path.of("/proc/self/fd/2"), file);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private void append(String line) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            rotateIfFull();
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            err.println("memory-daemon: cannot write the log " + file + ": " + e.getMessage());
            err.flush();
        }
    }

    private void rotateIfFull() throws IOException {
        if (!Files.exists(file) || Files.size(file) < MAX_BYTES) {
            return;
        }
        for (int i = KEEP - 1; i >= 1; i--) {
            Path older = file.resolveSibling(file.getFileName() + "." + i);
            if (Files.exists(older)) {
                Files.move(older, file.resolveSibling(file.getFileName() + "." + (i + 1)),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
    }
}
