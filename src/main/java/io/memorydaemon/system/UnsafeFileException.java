// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file memory-daemon owns was refused: a symbolic link, someone else's, or not the kind of file it should be.
 * The message is the one line a user acts on ({@code FILE is a symbolic link: remove it, memory-daemon recreates
 * it}); {@link #toString()} is that line too, as callers print exceptions whole.
 */
public final class UnsafeFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    UnsafeFileException(Path file, String problem) {
        super(file + " " + problem + ": remove it, memory-daemon recreates it");
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
