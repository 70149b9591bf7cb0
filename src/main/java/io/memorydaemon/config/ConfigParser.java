// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads md.conf: {@code key value} lines and {@code #} comments, as the original shell tool wrote them.
 * Every problem is collected and reported together, each as {@code file:line: what is wrong; how to fix it}.
 * The lines are read by {@link ConfigLines}, the values checked by {@link Fields}, {@link MailFields} and
 * {@link FileChecks}.
 */
public final class ConfigParser {

    /** The keys the original tool knew; a file with only these must keep working. */
    public static final List<String> MAIL_KEYS = List.of("receiver", "sender", "smtp", "port");
    public static final List<String> KNOWN_KEYS = List.of(
            "receiver", "sender", "pass", "threshold", "smtp", "port",
            "tls", "pass_file", "pass_command", "grace", "avoid", "prefer",
            "warn_interval", "log_file", "kill_as_root", "psi", "ca_file",
            "metrics_file", "min_uid", "owner_domain");
    /** The keys only the system watcher ({@code mem_daemon watch --system}) reads; a user's check ignores them. */
    public static final List<String> SYSTEM_KEYS = List.of("metrics_file", "min_uid", "owner_domain");
    /** More would scroll the first (often the cause) off the screen; a binary file would give thousands. */
    static final int MAX_PROBLEMS = 20;

    private static final Pattern LINE = Pattern.compile(":(\\d+):");
    private static final int SHOWN_CHARS = 60;

    private final AppPaths paths;
    private final Path home;
    private final IntSupplier uid;
    /** The system watcher's md.conf: root's alone ({@link SystemConfigFile}); its group may read it. */
    private final boolean system;

    public ConfigParser(AppPaths paths, Path home) {
        this(paths, home, FileChecks::realUid);
    }

    /**
     * @param uid the effective uid, asked only when md.conf sets log_file (root may not log where others write) or
     *            an existing metrics_file (it must be this user's)
     */
    public ConfigParser(AppPaths paths, Path home, IntSupplier uid) {
        this(paths, home, uid, false);
    }

    private ConfigParser(AppPaths paths, Path home, IntSupplier uid, boolean system) {
        this.paths = paths;
        this.home = home;
        this.uid = uid;
        this.system = system;
    }

    /** The system watcher's parser: md.conf must be root's and written by no one else. */
    public static ConfigParser forSystem(AppPaths paths, Path home) {
        return forSystem(paths, home, FileChecks::realUid);
    }

    /** As above, checking log_file and an existing metrics_file for the user {@code uid} (the service's). */
    public static ConfigParser forSystem(AppPaths paths, Path home, IntSupplier uid) {
        return new ConfigParser(paths, home, uid, true);
    }

    public Config parse(Path file) throws ConfigException {
        if (system) {
            SystemConfigFile.check(file);
        }
        return parse(file, ConfigFile.read(file));
    }

    /** Checks {@code text} as if it were {@code file}'s content: md.conf is only ever replaced by text that parses. */
    public Config parse(Path file, String text) throws ConfigException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > ConfigFile.MAX_BYTES) {
            throw ConfigFile.tooLarge(file, Integer.toString(bytes.length));
        }
        return parse(file, bytes);
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
            MAIL_KEYS.forEach(k -> valid.put(k, example(k)));
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
        List<String> problems = new ArrayList<>();
        ConfigLines lines = ConfigLines.read(file, bytes, problems);
        Config config = build(file, new Fields(file, lines.entries, problems, paths, home), lines.bare);
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(p -> lineOf(file, p)));
            throw new ConfigException(capped(problems));
        }
        return config;
    }

    /** @param bare keys written without a value: already reported, so not reported again as missing */
    private Config build(Path file, Fields f, Set<String> bare) {
        double threshold = f.has("threshold") ? f.threshold() : 0;
        if (!f.has("threshold") && !bare.contains("threshold")) {
            f.problems.add(file + ": 'threshold' is missing; add a line 'threshold 90' (percent of total RAM used)");
        }
        int grace = f.has("grace")
                ? f.integer("grace", 0, 300, "seconds between SIGTERM and SIGKILL, e.g. 'grace 5'")
                : Config.DEFAULT_GRACE_SECONDS;
        int warnInterval = f.has("warn_interval")
                ? f.integer("warn_interval", 0, 7 * 24 * 60, "minutes between repeated warnings, e.g. 'warn_interval 60'")
                : Config.DEFAULT_WARN_INTERVAL_MINUTES;
        Optional<Pattern> avoid = f.regex("avoid");
        Optional<Pattern> prefer = f.regex("prefer");
        Path logFile = f.has("log_file") ? FileChecks.logFile(f, uid) : paths.defaultLogFile();
        boolean killAsRoot = f.has("kill_as_root") && f.bool("kill_as_root");
        Optional<Double> psi = f.has("psi")
                ? Optional.of((double) f.integer("psi", 1, 100, "a memory pressure percentage (avg10), e.g. 'psi 40'"))
                : Optional.empty();
        Optional<Config.MailSettings> mail = MailFields.read(f, bare);
        Optional<Path> metricsFile = f.has("metrics_file")
                ? Optional.of(FileChecks.metricsFile(f, uid))
                : Optional.empty();
        List<String> warnings = new ArrayList<>();
        if (f.has("pass") && readableByOthers(file, system)) {
            warnings.add(file + ": holds a plain 'pass' but can be read by other users; run 'chmod 600 " + file
                    + "' or use pass_file / pass_command");
        }
        mail.filter(m -> m.password().isPresent() && m.tls() == Tls.NONE).ifPresent(m -> warnings.add(f.where("tls")
                + "'tls none' sends the SMTP password in clear to " + m.smtpHost() + "; use 'tls starttls' (or"
                + " 'tls ssl' on port 465) unless the network to the server is trusted"));
        Optional<Integer> minUid = f.has("min_uid")
                ? Optional.of(f.integer("min_uid", 1, Integer.MAX_VALUE, "the lowest uid of an ordinary user, e.g."
                        + " 'min_uid 1000' (root is never one)"))
                : Optional.empty();
        Optional<String> ownerDomain = f.has("owner_domain") ? ownerDomain(f) : Optional.empty();
        return new Config(file, threshold, mail, grace, avoid, prefer, warnInterval, logFile, killAsRoot, psi,
                warnings, metricsFile, minUid, ownerDomain);
    }

    private static final Pattern DOMAIN =
            Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

    /** A mail domain, ASCII (an IDN in its xn-- form), so {@code user@domain} is always a valid address. */
    private static Optional<String> ownerDomain(Fields f) {
        String v = f.value("owner_domain").strip();
        if (v.length() <= 253 && DOMAIN.matcher(v).matches()) {
            return Optional.of(v.toLowerCase(java.util.Locale.ROOT));
        }
        f.problem("owner_domain", "'owner_domain' must be a mail domain such as example.org (ASCII, an IDN in its"
                + " xn-- form), not '" + shown(v) + "'");
        return Optional.empty();
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

    /** @param groupMay the system md.conf: its group is the service's, which must read it */
    private static boolean readableByOthers(Path file, boolean groupMay) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return (!groupMay && perms.contains(PosixFilePermission.GROUP_READ))
                    || perms.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** A value as quoted in a problem: a long one cut, so each problem stays one readable line. */
    static String shown(String value) {
        return value.length() <= SHOWN_CHARS ? value : value.substring(0, SHOWN_CHARS - 1) + "…";
    }

    static String example(String key) {
        return switch (key) {
            case "receiver" -> "you@example.com";
            case "sender" -> "alerts@example.com";
            case "pass" -> "your-smtp-password";
            case "threshold" -> "90";
            case "smtp" -> "smtp.example.com";
            case "port" -> "587";
            case "tls" -> "auto";
            case "pass_file" -> "~/.config/mem_daemon/smtp.pass";
            case "pass_command" -> "pass show smtp";
            case "grace" -> "5";
            case "avoid" -> "^(sshd|tmux|bash)$";
            case "prefer" -> "^(python|java)$";
            case "warn_interval" -> "60";
            case "log_file" -> "~/.config/mem_daemon/tmp.log";
            case "kill_as_root" -> "no";
            case "psi" -> "40";
            case "ca_file" -> "~/.config/mem_daemon/ca.pem";
            case "metrics_file" -> "/var/lib/prometheus/node-exporter/memory_daemon_alice.prom";
            case "min_uid" -> "1000";
            case "owner_domain" -> "example.org";
            default -> "VALUE";
        };
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
