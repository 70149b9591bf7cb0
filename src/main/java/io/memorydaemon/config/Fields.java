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
    final List<Problem> problems;
    private final Map<String, ConfigLines.Entry> entries;
    private final AppPaths paths;
    private final Path home;

    Fields(Path file, Map<String, ConfigLines.Entry> entries, List<Problem> problems, AppPaths paths, Path home) {
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

    /** The line of each key set, for the problems a feature finds later (a CA file that cannot be read). */
    Map<String, Integer> lines() {
        Map<String, Integer> lines = new java.util.LinkedHashMap<>();
        entries.forEach((k, e) -> lines.put(k, e.line()));
        return lines;
    }

    void problem(String key, String what) {
        problems.add(Problem.of(key, where(key) + what));
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
                + Keys.shown(v) + "'; write " + hint);
        return min;
    }

    double threshold() {
        String v = value("threshold");
        OptionalDouble t = ConfigParser.thresholdValue(v);
        if (t.isPresent()) {
            return t.getAsDouble();
        }
        problem("threshold", "'threshold' must be a number from 1 to 99 (decimals allowed), not '"
                + Keys.shown(v) + "'; write a percentage of total RAM, e.g. 'threshold 90' or 'threshold 90.5'");
        return 1;
    }

    boolean bool(String key) {
        String v = value(key);
        if (YES.contains(v)) {
            return true;
        }
        if (!NO.contains(v)) {
            problem(key, "'" + key + "' must be yes or no, not '" + Keys.shown(v) + "'; write '" + key
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
                    + key + " " + Keys.example(key) + "'");
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

    /** md.conf's {@code victim}: true for {@code job}, false for {@code process}. */
    boolean victimJobs() {
        String v = value("victim");
        if (v.equals("job") || v.equals("process")) {
            return v.equals("job");
        }
        problem("victim", "'victim' must be job or process, not '" + Keys.shown(v) + "'; write 'victim job' (kill"
                + " every process of the largest job together, the default) or 'victim process' (only the largest"
                + " process)");
        return true;
    }

    /** A uid, unsigned 32-bit as the kernel has it (directory users above 2^31 are ordinary users). */
    long uid(String key) {
        String v = value(key);
        if (v.matches("[0-9]{1,10}")) {
            long n = Long.parseLong(v);
            if (n >= 1 && n < 0xFFFF_FFFFL) {
                return n;
            }
        }
        problem(key, "'" + key + "' must be a uid from 1 to 4294967294, not '" + Keys.shown(v) + "'; write the lowest"
                + " uid of an ordinary user, e.g. '" + key + " 1000' (root is never one)");
        return 1;
    }

    private static final Pattern DOMAIN =
            Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

    /** A mail domain, ASCII (an IDN in its xn-- form), so {@code user@domain} is always a valid address. */
    Optional<String> ownerDomain() {
        String v = value("owner_domain").strip();
        if (v.length() <= 253 && DOMAIN.matcher(v).matches()) {
            return Optional.of(v.toLowerCase(java.util.Locale.ROOT));
        }
        problem("owner_domain", "'owner_domain' must be a mail domain such as example.org (ASCII, an IDN in its"
                + " xn-- form), not '" + Keys.shown(v) + "'");
        return Optional.empty();
    }

    /** {@code warn_threshold}: a percentage as threshold's, below it; empty (and a problem) when it is not one. */
    Optional<Double> warnThreshold(double threshold) {
        String v = value("warn_threshold");
        OptionalDouble t = ConfigParser.thresholdValue(v);
        if (t.isEmpty()) {
            problem("warn_threshold", "'warn_threshold' must be a number from 1 to 99 (decimals allowed), not '"
                    + Keys.shown(v) + "'; write the percentage of RAM used at which to be warned early, e.g."
                    + " 'warn_threshold 80'");
            return Optional.empty();
        }
        if (threshold > 0 && t.getAsDouble() >= threshold) {
            problem("warn_threshold", "'warn_threshold " + Keys.shown(v) + "' is not below 'threshold "
                    + Keys.percent(threshold) + "'; the early warning comes before the kill: write e.g."
                    + " 'warn_threshold " + Keys.percent(Math.max(1, threshold - 10)) + "'");
            return Optional.empty();
        }
        return Optional.of(t.getAsDouble());
    }
}
