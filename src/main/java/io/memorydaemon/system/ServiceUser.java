// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/** The system watcher's user: the package makes it ({@code useradd --system}) and memory-daemon.service runs as it. */
public final class ServiceUser {
    public static final String NAME = "memory-daemon";

    private ServiceUser() { }

    /** Its uid, from /etc/passwd (where useradd writes a system user); empty when it does not exist. */
    public static OptionalInt uid() {
        return uid(Path.of("/etc/passwd"));
    }

    static OptionalInt uid(Path passwd) {
        try {
            for (String line : Files.readAllLines(passwd, StandardCharsets.UTF_8)) {
                var entry = Users.parse(line);
                if (entry.isPresent() && entry.get().getValue().equals(NAME)) {
                    return OptionalInt.of(entry.get().getKey());
                }
            }
        } catch (IOException | RuntimeException e) {
            // no readable passwd: as if the user did not exist
        }
        return OptionalInt.empty();
    }
}
