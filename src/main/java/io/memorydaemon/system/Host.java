// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's name as the kernel knows it; no DNS lookup, which can hang on a badly managed server. */
public final class Host {
    private Host() { }

    public static String name() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
