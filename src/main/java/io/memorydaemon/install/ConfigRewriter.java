// SPDX-License-Identifier: MIT
package io.memorydaemon.install;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sets a few keys of md.conf, keeping every other line (comments, unknown keys, blank lines) as it was. A key's
 * active line is rewritten in place; else the template's commented example ({@code #receiver …}) becomes the
 * active line; else the line is appended.
 */
public final class ConfigRewriter {
    private ConfigRewriter() { }

    /** The current value of each active {@code key value} line. */
    public static Map<String, String> values(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                String[] kv = s.split("\\s+", 2);
                values.putIfAbsent(kv[0], kv.length > 1 ? kv[1].strip() : "");
            }
        }
        return values;
    }

    public static String set(String text, Map<String, String> updates) {
        boolean newline = text.isEmpty() || text.endsWith("\n");
        List<String> lines = new ArrayList<>(List.of((newline && !text.isEmpty()
                ? text.substring(0, text.length() - 1) : text).split("\n", -1)));
        if (text.isEmpty()) {
            lines.clear();
        }
        for (Map.Entry<String, String> u : updates.entrySet()) {
            String line = u.getKey() + " " + u.getValue();
            Optional<Integer> at = find(lines, u.getKey(), false).or(() -> find(lines, u.getKey(), true));
            if (at.isPresent()) {
                lines.set(at.get(), line);
            } else {
                lines.add(line);
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static Optional<Integer> find(List<String> lines, String key, boolean commented) {
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (commented) {
                if (!s.startsWith("#")) {
                    continue;
                }
                s = s.substring(1);
            }
            if (s.equals(key) || s.startsWith(key + " ") || s.startsWith(key + "\t")) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
