// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.nio.file.Path;

/**
 * Where the SMTP password comes from: plain in md.conf, a file, or a command. Only the description: it is read
 * (system/Passwords) when a mail is sent, never by a check that has nothing to send.
 */
public sealed interface PasswordSource {

    record Plain(String value) implements PasswordSource {
        @Override
        public String toString() {
            return "Plain[****]";
        }
    }

    record FromFile(Path file) implements PasswordSource { }

    /**
     * Run with {@code /bin/sh -c}; its first line of output is the password.
     *
     * @param line the md.conf line that sets it, for an error found when it runs (0 when not from a file)
     */
    record FromCommand(String command, int line) implements PasswordSource {
        public FromCommand(String command) {
            this(command, 0);
        }
    }
}
