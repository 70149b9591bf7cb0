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

    /**
     * Markdown as a man page shows it: `code` and **strong** as bold (literal names), a link as its text alone (a
     * page cannot follow it).
     */
    static String markdown(String s) {
        String unlinked = s.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
        return text(unlinked).replaceAll("`([^`]*)`", "\\\\fB$1\\\\fR")
                .replaceAll("\\*\\*([^*]+)\\*\\*", "\\\\fB$1\\\\fR");
    }

    /** picocli formats description lines with String.format; the page shows what --help shows. */
    static String formatted(String s) {
        return s.replace("%n", "\n").replace("%%", "%");
    }
}
