// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Where the SMTP password comes from: plain in md.conf, a file, or a command; read only when a mail is sent. */
public sealed interface PasswordSource {

    /** The password, or an IOException naming the source and what went wrong. */
    String resolve() throws IOException;

    record Plain(String value) implements PasswordSource {
        @Override
        public String resolve() {
            return value;
        }

        @Override
        public String toString() {
            return "Plain[****]";
        }
    }

    record FromFile(Path file) implements PasswordSource {
        @Override
        public String resolve() throws IOException {
            try {
                return firstLine(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IOException("cannot read pass_file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Runs the command with {@code /bin/sh -c} and takes the first line it prints. */
    record FromCommand(String command) implements PasswordSource {
        static final long TIMEOUT_SECONDS = 20;

        @Override
        public String resolve() throws IOException {
            Process p = new ProcessBuilder("/bin/sh", "-c", command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            try (InputStream in = p.getInputStream()) {
                String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("pass_command did not finish within " + TIMEOUT_SECONDS + " s: " + command);
                }
                if (p.exitValue() != 0) {
                    throw new IOException("pass_command exited with " + p.exitValue() + ": " + command);
                }
                return firstLine(out);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running pass_command", e);
            }
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
