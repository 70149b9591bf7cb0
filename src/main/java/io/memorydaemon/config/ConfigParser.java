// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads md.conf: {@code key value} lines and {@code #} comments, as the original shell tool wrote them.
 * Every problem is collected and reported together, each as {@code file:line: what is wrong; how to fix it}.
 * The lines are read by {@link ConfigLines}, the values checked by {@link Fields} and {@link MailFields}.
 *
 * <p>Only a problem with what the decision needs stops a run ({@link Problem#stopsTheRun}); one with a setting
 * that only reports (mail, metrics, the log, owner mail) is kept in {@link Config#problems} and costs that feature.
 * Whether a file a value names can be used (a CA file, a pass file, the log's directory) is asked by the feature
 * that uses it, when it uses it ({@link FileChecks}), so a file broken since costs that feature too, and no more.
 */
public final class ConfigParser {

    /** The keys the original tool knew; a file with only these must keep working. */
    public static final List<String> MAIL_KEYS = List.of("receiver", "sender", "smtp", "port");
    public static final List<String> KNOWN_KEYS = List.of(
            "receiver", "sender", "pass", "threshold", "smtp", "port",
            "tls", "pass_file", "pass_command", "grace", "avoid", "prefer",
            "warn_interval", "log_file", "kill_as_root", "psi", "ca_file",
            "metrics_file", "min_uid", "owner_domain", "victim", "warn_threshold");
    /** The keys only the system watcher ({@code mem_daemon watch --system}) reads; a user's check ignores them. */
    public static final List<String> SYSTEM_KEYS = List.of("metrics_file", "min_uid", "owner_domain");
    /** More would scroll the first (often the cause) off the screen; a binary file would give thousands. */
    static final int MAX_PROBLEMS = 20;

    private static final Pattern LINE = Pattern.compile(":(\\d+):");

    private final AppPaths paths;
    private final Path home;
    /** The system watcher's md.conf: root's alone ({@link SystemConfigFile}); its group may read it. */
    private final boolean system;
    /** Every problem refuses the file: what md_wizard writes, and what it shows a person, must be all right. */
    private final boolean strict;

    public ConfigParser(AppPaths paths, Path home) {
        this(paths, home, false, false);
    }

    private ConfigParser(AppPaths paths, Path home, boolean system, boolean strict) {
        this.paths = paths;
        this.home = home;
        this.system = system;
        this.strict = strict;
    }

    /** The system watcher's parser: md.conf must be root's and written by no one else. */
    public static ConfigParser forSystem(AppPaths paths, Path home) {
        return new ConfigParser(paths, home, true, false);
    }

    /** The same parser refusing any problem at all, a report setting's too. */
    public ConfigParser strict() {
        return new ConfigParser(paths, home, system, true);
    }

    public Config parse(Path file) throws ConfigException {
        if (system) {
            SystemConfigFile.check(file);
        }
        return parse(file, ConfigFile.read(file));
    }

    /**
     * Checks {@code text} as if it were {@code file}'s content, strictly: md.conf is only ever replaced by text that
     * parses without any problem.
     */
    public Config parse(Path file, String text) throws ConfigException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > ConfigFile.MAX_BYTES) {
            throw ConfigFile.tooLarge(file, Integer.toString(bytes.length));
        }
        return strict().parse(file, bytes);
    }

    /** md.conf's text (a byte order mark left out) for rewriting it; refused unless it is plain UTF-8 text. */
    public String text(Path file) throws ConfigException {
        byte[] bytes = ConfigFile.read(file);
        List<String> problems = ConfigLines.read(file, bytes, new ArrayList<>()).textProblems;
        if (!problems.isEmpty()) {
            throw new ConfigException(capped(problems));
        }
        int start = ConfigLines.textStart(bytes);
        return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
    }

    /**
     * Why md.conf would refuse {@code value} for {@code key}, checked in a file that is otherwise valid (so only
     * this value's own problems show, without the file and line); empty when it is accepted.
     */
    public List<String> problemsWith(Path file, String key, String value) {
        Map<String, String> valid = new LinkedHashMap<>(Map.of("threshold", "90"));
        if (MAIL_KEYS.contains(key) || key.startsWith("pass")) {
            MAIL_KEYS.forEach(k -> valid.put(k, Keys.example(k)));
        }
        valid.put(key, value);
        StringBuilder text = new StringBuilder();
        valid.forEach((k, v) -> text.append(k).append(' ').append(v).append('\n'));
        try {
            parse(file, text.toString());
            return List.of();
        } catch (ConfigException e) {
            return e.problems().stream().map(p -> p.replaceFirst("^" + Pattern.quote(file.toString()) + ":\\d+: ", ""))
                    .toList();
        }
    }

    private Config parse(Path file, byte[] bytes) throws ConfigException {
        List<Problem> problems = new ArrayList<>();
        ConfigLines lines = ConfigLines.read(file, bytes, problems);
        Config config = build(file, new Fields(file, lines.entries, problems, paths, home), lines.bare);
        if (problems.isEmpty()) {
            return config;
        }
        problems.sort(Comparator.comparingInt(p -> lineOf(file, p.text())));
        List<String> texts = capped(problems.stream().map(Problem::text).toList());
        if (strict || problems.stream().anyMatch(Problem::stopsTheRun)) {
            throw new ConfigException(texts);
        }
        return config;
    }

    /** @param bare keys written without a value: already reported, so not reported again as missing */
    private Config build(Path file, Fields f, Set<String> bare) {
        double threshold = f.has("threshold") ? f.threshold() : 0;
        if (!f.has("threshold") && !bare.contains("threshold")) {
            f.problems.add(Problem.of("threshold", file + ": 'threshold' is missing; add a line 'threshold 90'"
                    + " (percent of total RAM used)"));
        }
        int grace = f.has("grace")
                ? f.integer("grace", 0, 300, "seconds between SIGTERM and SIGKILL, e.g. 'grace 5'")
                : Config.DEFAULT_GRACE_SECONDS;
        Optional<Pattern> avoid = f.regex("avoid");
        Optional<Pattern> prefer = f.regex("prefer");
        boolean killAsRoot = f.has("kill_as_root") && f.bool("kill_as_root");
        Optional<Double> psi = f.has("psi")
                ? Optional.of((double) f.integer("psi", 1, 100, "a memory pressure percentage (avg10), e.g. 'psi 40'"))
                : Optional.empty();
        boolean victimJobs = !f.has("victim") || f.victimJobs();
        Optional<Long> minUid = f.has("min_uid") ? Optional.of(f.uid("min_uid")) : Optional.empty();
        // the settings that only report: a problem costs its feature (mail is kept, not sent), never the run
        int warnInterval = f.has("warn_interval")
                ? f.integer("warn_interval", 0, 7 * 24 * 60, "minutes between repeated warnings, e.g. 'warn_interval 60'")
                : Config.DEFAULT_WARN_INTERVAL_MINUTES;
        Path logFile = f.has("log_file") ? f.path("log_file") : paths.defaultLogFile();
        Optional<Config.MailSettings> mail = MailFields.read(f, bare);
        Optional<Path> metricsFile = f.has("metrics_file") ? Optional.of(FileChecks.metricsName(f)) : Optional.empty();
        Optional<String> ownerDomain = f.has("owner_domain") ? f.ownerDomain() : Optional.empty();
        Optional<Double> warnThreshold = f.has("warn_threshold") ? f.warnThreshold(threshold) : Optional.empty();
        Set<String> wrong = new java.util.HashSet<>();
        f.problems.forEach(p -> p.key().ifPresent(wrong::add));
        wrong.addAll(bare);
        boolean mailSet = mail.isPresent() || MailFields.KEYS.stream().anyMatch(k -> f.has(k) || bare.contains(k));
        if (MailFields.KEYS.stream().anyMatch(wrong::contains)) {
            mail = Optional.empty();
        }
        List<String> problems = f.problems.stream().filter(p -> !p.stopsTheRun())
                .sorted(Comparator.comparingInt(p -> lineOf(file, p.text()))).map(Problem::text).toList();
        return new Config(file, threshold, mail, grace, avoid, prefer,
                wrong.contains("warn_interval") ? Config.DEFAULT_WARN_INTERVAL_MINUTES : warnInterval,
                wrong.contains("log_file") ? paths.defaultLogFile() : logFile, killAsRoot, psi, warnings(file, f, mail),
                wrong.contains("metrics_file") ? Optional.empty() : metricsFile, minUid, ownerDomain, victimJobs,
                problems, mailSet, f.lines(), warnThreshold);
    }

    private List<String> warnings(Path file, Fields f, Optional<Config.MailSettings> mail) {
        List<String> warnings = new ArrayList<>();
        if (f.has("pass") && FileChecks.readableByOthers(file, system)) {
            warnings.add(file + ": holds a plain 'pass' but can be read by other users; run 'chmod 600 " + file
                    + "' or use pass_file / pass_command");
        }
        mail.filter(m -> m.password().isPresent() && m.tls() == Tls.NONE).ifPresent(m -> warnings.add(f.where("tls")
                + "'tls none' sends the SMTP password in clear to " + m.smtpHost() + "; use 'tls starttls' (or"
                + " 'tls ssl' on port 465) unless the network to the server is trusted"));
        return warnings;
    }

    /** The first {@link #MAX_PROBLEMS}, then how many more. */
    private static List<String> capped(List<String> problems) {
        if (problems.size() <= MAX_PROBLEMS) {
            return problems;
        }
        List<String> shown = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
        shown.add("… and " + (problems.size() - MAX_PROBLEMS) + " more");
        return shown;
    }

    /** The line a problem names, so they are reported in file order; those naming no line come last. */
    private static int lineOf(Path file, String problem) {
        String rest = problem.substring(file.toString().length());
        Matcher m = LINE.matcher(rest);
        return m.lookingAt() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    /**
     * A threshold value: a percentage from 1 to 99, a trailing {@code %} allowed, decimals too (90.5) as the
     * original tool's awk compared floats; empty when it is not one.
     */
    public static OptionalDouble thresholdValue(String value) {
        String n = value.strip();
        n = n.endsWith("%") ? n.substring(0, n.length() - 1) : n;
        if (n.matches("[0-9]{1,3}(\\.[0-9]{1,6})?")) {
            double t = Double.parseDouble(n);
            if (t >= 1 && t <= 99) {
                return OptionalDouble.of(t);
            }
        }
        return OptionalDouble.empty();
    }
}
