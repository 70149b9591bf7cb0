// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

/** Text made safe for a man(7) page: roff reads a backslash as an escape and a leading dot or quote as a request. */
final class Roff {
    private Roff() { }

    static String text(String s) {
        StringBuilder b = new StringBuilder();
        // groff reads Latin-1 unless told otherwise: anything beyond ASCII goes as a named code point
        s.codePoints().forEach(c -> b.append(switch (c) {
            case '\\' -> "\\e";
            case '-' -> "\\-";
            default -> c < 128 ? Character.toString(c) : String.format("\\[u%04X]", c);
        }));
        String escaped = b.toString();
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }

    /** Markdown's `code` as bold, the way man pages show literal names. */
    static String markdown(String s) {
        return text(s).replaceAll("`([^`]*)`", "\\\\fB$1\\\\fR");
    }

    /** picocli formats description lines with String.format; the page shows what --help shows. */
    static String formatted(String s) {
        return s.replace("%n", "\n").replace("%%", "%");
    }
}
