// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * Whether the tests run as root. CI runs them as root (sudo .ci/run); a contributor runs them as themself, and the
 * few that need a second user's process, dpkg or useradd are then skipped, saying so through {@link #assume}.
 */
public final class Root {
    private static final int UID = Integer.parseInt(Shell.run("id", "-u").strip());

    private Root() { }

    public static boolean is() {
        return UID == 0;
    }

    /** The uid the tests run as. */
    public static int uid() {
        return UID;
    }

    /** Skips the calling test unless it runs as root; {@code why} says what it needs root for. */
    public static void assume(String why) {
        Assumptions.assumeTrue(is(), "needs root to " + why + "; run all tests with: sudo .ci/run");
    }
}
