// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Typed access to md.conf's entries, adding a problem (and returning a harmless default) on bad values. */
final class Fields {
    private static final List<String> YES = List.of("yes", "true", "on", "1");
    private static final List<String> NO = List.of("no", "false", "off", "0");

    final Path file;
    final List<String> problems;
    private final Map<String, ConfigLines.Entry> entries;
    private final AppPaths paths;
    private final Path home;

    Fields(Path file, Map<String, ConfigLines.Entry> entries, List<String> problems, AppPaths paths, Path home) {
        this.file = file;
        this.entries = entries;
        this.problems = problems;
        this.paths = paths;
        this.home = home;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    String value(String key) {
        return entries.get(key).value();
    }

    /** The keys set, in file order. */
    Iterable<String> keys() {
        return entries.keySet();
    }

    String where(String key) {
        return file + ":" + line(key) + ": ";
    }

    int line(String key) {
        return entries.get(key).line();
    }

    void problem(String key, String what) {
        problems.add(where(key) + what);
    }

    int integer(String key, int min, int max, String hint) {
        String v = value(key);
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problem(key, "'" + key + "' must be a whole number from " + min + " to " + max + ", not '"
                + ConfigParser.shown(v) + "'; write " + hint);
        return min;
    }

    double threshold() {
        String v = value("threshold");
        OptionalDouble t = ConfigParser.thresholdValue(v);
        if (t.isPresent()) {
            return t.getAsDouble();
        }
        problem("threshold", "'threshold' must be a number from 1 to 99 (decimals allowed), not '"
                + ConfigParser.shown(v) + "'; write a percentage of total RAM, e.g. 'threshold 90' or 'threshold 90.5'");
        return 1;
    }

    boolean bool(String key) {
        String v = value(key);
        if (YES.contains(v)) {
            return true;
        }
        if (!NO.contains(v)) {
            problem(key, "'" + key + "' must be yes or no, not '" + ConfigParser.shown(v) + "'; write '" + key
                    + " yes' or '" + key + " no'");
        }
        return false;
    }

    Optional<Pattern> regex(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pattern.compile(value(key)));
        } catch (PatternSyntaxException ex) {
            problem(key, "'" + key + "' is not a valid regular expression (" + ex.getDescription() + "); write e.g. '"
                    + key + " " + ConfigParser.example(key) + "'");
            return Optional.empty();
        }
    }

    /** {@code ~/…} is under the home, a relative path beside md.conf. */
    Path path(String key) {
        String v = value(key);
        if (v.equals("~") || v.startsWith("~/")) {
            return home.resolve(v.substring(Math.min(2, v.length())));
        }
        Path p = Path.of(v);
        return p.isAbsolute() ? p : paths.configDir().resolve(p);
    }
}
