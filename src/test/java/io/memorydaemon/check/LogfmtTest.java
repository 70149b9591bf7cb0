// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogfmtTest {

    @Test
    void plainValuesStayBareAndOthersAreQuotedWithQuotesAndBackslashesEscaped() {
        String line = Logfmt.fields().add("action", "kill").add("pid", 42).add("rss", "1.5GiB")
                .add("cmd", "python3 -c \"x=1\" C:\\tmp").add("empty", "").add("eq", "a=b").toString();

        assertEquals("action=kill pid=42 rss=1.5GiB cmd=\"python3 -c \\\"x=1\\\" C:\\\\tmp\" empty=\"\" eq=\"a=b\"",
                line);
    }

    @Test
    void aForgedFieldInsideAValueIsReadBackAsTheValue() {
        String evil = "x\" action=killed user=root \"";
        String line = Logfmt.fields().add("user", "mallory").add("cmd", evil).toString();

        assertEquals(Map.of("user", "mallory", "cmd", evil), parse(line));
    }

    @Test
    void controlsAreMadeVisibleBeforeQuoting() {
        String line = Logfmt.fields().add("cmd", "a\nb").add("user", "m\u202Ex").toString();

        assertEquals("cmd=a\\nb user=m\\u{202E}x", line);
    }

    @Test
    void timeIsRfc3339WithAColonInTheOffset() {
        assertEquals("2026-03-04T05:06:07+01:00",
                Logfmt.time(ZonedDateTime.of(2026, 3, 4, 5, 6, 7, 0, ZoneOffset.ofHours(1))));
        assertEquals("2026-03-04T05:06:07+00:00",
                Logfmt.time(ZonedDateTime.of(2026, 3, 4, 5, 6, 7, 0, ZoneOffset.UTC)));
    }

    /** A logfmt reader as go-logfmt reads: bare values up to a space, quoted ones with \ escapes. */
    static Map<String, String> parse(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        int i = 0;
        while (i < line.length()) {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq);
            StringBuilder value = new StringBuilder();
            int j = eq + 1;
            if (j < line.length() && line.charAt(j) == '"') {
                for (j++; line.charAt(j) != '"'; j++) {
                    if (line.charAt(j) == '\\') {
                        j++;
                    }
                    value.append(line.charAt(j));
                }
                j++;
            } else {
                for (; j < line.length() && line.charAt(j) != ' '; j++) {
                    value.append(line.charAt(j));
                }
            }
            fields.put(key, value.toString());
            i = j + 1;
        }
        return fields;
    }
}
