// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.util.Locale;

/**
 * Text other users control (command lines, process and user names) made safe for a log line or a mail: any
 * process can put a newline, a terminal escape or a bidi override in its command line, and must not forge a
 * log line, break the notice's table or reorder what the reader sees. Controls (C0, DEL, C1), format
 * characters (bidi overrides and isolates, zero-width ones) and line or paragraph separators become visible
 * escapes: {@code \n}, {@code \r}, {@code \t}, {@code \xHH} up to U+00FF, <code>&#92;u{HHHH}</code> above.
 *
 * <p>A backslash stays as it is, so escaping twice changes nothing (the log escapes every line again) and
 * commands with regular expressions stay readable; the point is that no line can be forged, not that the
 * escaped form can be decoded.
 */
public final class UntrustedText {
    private UntrustedText() { }

    /** The whole text, escaped. */
    public static String escape(String text) {
        return escape(text, Integer.MAX_VALUE);
    }

    /** At most {@code maxChars} of escaped text, then {@code …} if cut; an escape is never cut in half. */
    public static String escape(String text, int maxChars) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), maxChars) + 16);
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            String escape = unsafe(cp) ? escaped(cp) : null;
            if (b.length() + (escape == null ? Character.charCount(cp) : escape.length()) > maxChars) {
                return b.append('…').toString();
            }
            if (escape == null) {
                b.appendCodePoint(cp);
            } else {
                b.append(escape);
            }
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    static boolean unsafe(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }

    private static String escaped(int cp) {
        return switch (cp) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> cp <= 0xFF ? String.format(Locale.ROOT, "\\x%02X", cp)
                    : String.format(Locale.ROOT, "\\u{%04X}", cp);
        };
    }
}
