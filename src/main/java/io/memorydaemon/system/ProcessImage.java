// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.StringArray;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Replaces this process with another program, as a shell's {@code exec} does: same pid, same stdin/stdout/stderr,
 * same environment; nothing of this JVM stays. Java has no exec, so it calls execv(3) through JNA (which OSHI brings),
 * loaded only here. Every other descriptor is closed on exec first: a file root opened must not reach the program
 * root hands the process to.
 */
public final class ProcessImage {
    private static final int F_SETFD = 2;
    private static final int FD_CLOEXEC = 1;

    private ProcessImage() { }

    /** Never returns unless execv(3) failed; then the reason. */
    public static IOException replaceWith(List<String> argv) {
        System.out.flush();
        System.err.flush();
        try {
            LibC.closeOnExec();
            LibC.execv(argv.get(0), new StringArray(argv.toArray(String[]::new)));
            return new IOException("execv " + argv.get(0) + " returned");
        } catch (LastErrorException e) {
            return new IOException("cannot run " + argv.get(0) + ": errno " + e.getErrorCode());
        } catch (IOException e) {
            return e;
        } catch (LinkageError e) {
            return new IOException("cannot load libc through JNA: " + e.getMessage());
        }
    }

    /** Direct mapping: no proxy, no reflection into this module. */
    private static final class LibC {
        static {
            Native.register(LibC.class, "c");
        }

        static native int execv(String path, StringArray argv) throws LastErrorException;

        static native int fcntl(int fd, int cmd, int arg) throws LastErrorException;

        static void closeOnExec() throws IOException {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
                for (Path fd : fds) {
                    int n = Integer.parseInt(fd.getFileName().toString());
                    if (n > 2) {
                        try {
                            fcntl(n, F_SETFD, FD_CLOEXEC);
                        } catch (LastErrorException closed) {
                            // the directory stream's own descriptor, closed by now
                        }
                    }
                }
            }
        }
    }
}
