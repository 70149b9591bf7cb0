// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

/** Entry point of the {@code md_wizard} launcher. */
public final class Wizard {
    private Wizard() { }

    public static void main(String[] args) {
        System.err.println("md_wizard: not built yet");
        System.exit(1);
    }
}
