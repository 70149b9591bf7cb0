// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One log line in logfmt, the {@code key=value} form journald, Loki and Vector parse: a value holding a space,
 * an {@code =} or a quote (or an empty one) is quoted, with {@code \} and {@code "} escaped inside the quotes.
 * Every value is first made safe with {@link UntrustedText}, so a command line cannot forge a line or a field.
 */
public final class Logfmt {
    /** RFC 3339 with the offset as {@code +01:00}, which Loki's and Go's parsers take. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private final StringBuilder line = new StringBuilder(160);

    private Logfmt() { }

    public static Logfmt fields() {
        return new Logfmt();
    }

    public static String time(ZonedDateTime time) {
        return TIME.format(time);
    }

    public Logfmt add(String key, String value) {
        if (line.length() > 0) {
            line.append(' ');
        }
        line.append(key).append('=');
        appendValue(line, UntrustedText.escape(value));
        return this;
    }

    public Logfmt add(String key, long value) {
        return add(key, Long.toString(value));
    }

    /** Fields already in logfmt, appended as they are (a caller's own {@link #toString()}). */
    public Logfmt addAll(String fields) {
        if (!fields.isEmpty()) {
            line.append(line.length() > 0 ? " " : "").append(fields);
        }
        return this;
    }

    @Override
    public String toString() {
        return line.toString();
    }

    /** {@code key=value}, quoted as needed: for callers that build one field. */
    public static String pair(String key, String value) {
        return fields().add(key, value).toString();
    }

    private static void appendValue(StringBuilder b, String value) {
        if (!needsQuotes(value)) {
            b.append(value);
            return;
        }
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        b.append('"');
    }

    private static boolean needsQuotes(String value) {
        if (value.isEmpty()) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '=' || c == '"') {
                return true;
            }
        }
        return false;
    }
}
