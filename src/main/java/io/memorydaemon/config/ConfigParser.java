// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads md.conf: {@code key value} lines and {@code #} comments, as the original shell tool wrote them.
 * Every problem is collected and reported together, each as {@code file:line: what is wrong; how to fix it}.
 */
public final class ConfigParser {

    /** The keys the original tool knew; a file with only these must keep working. */
    public static final List<String> MAIL_KEYS = List.of("receiver", "sender", "smtp", "port");
    public static final List<String> KNOWN_KEYS = List.of(
            "receiver", "sender", "pass", "threshold", "smtp", "port",
            "tls", "pass_file", "pass_command", "grace", "avoid", "prefer",
            "warn_interval", "log_file", "kill_as_root", "psi");

    // the domain may be a bare host name (root@localhost): mail handed to the server's own MTA
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,<>\"]+@[^@\\s,<>\".]+(\\.[^@\\s,<>\".]+)*");
    private static final Pattern LINE = Pattern.compile(":(\\d+):");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-:\\[\\]]+");

    private final AppPaths paths;
    private final Path home;

    public ConfigParser(AppPaths paths, Path home) {
        this.paths = paths;
        this.home = home;
    }

    /** One {@code key value} line of the file, with its 1-based line number. */
    record Entry(int line, String key, String value) { }

    public Config parse(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": not found; run 'md_wizard install' to create it");
        } catch (AccessDeniedException e) {
            throw new ConfigException(file + ": permission denied; make it readable by you ('chmod 600 " + file
                    + "' as its owner)");
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new ConfigException(file + ": is a directory; md.conf must be a file, or pass one with --config");
            }
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + "); check the file and its"
                    + " permissions");
        }
        return parse(file, text);
    }

    Config parse(Path file, String text) throws ConfigException {
        List<String> problems = new ArrayList<>();
        Map<String, Entry> entries = new LinkedHashMap<>();
        Set<String> bare = new HashSet<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] kv = line.split("\\s+", 2);
            String key = kv[0];
            String where = file + ":" + (i + 1) + ": ";
            if (!KNOWN_KEYS.contains(key)) {
                problems.add(where + "unknown key '" + key + "'; use one of " + String.join(", ", KNOWN_KEYS)
                        + " (or start the line with # to make it a comment)");
                continue;
            }
            if (kv.length < 2 || kv[1].isBlank()) {
                bare.add(key);
                problems.add(where + "'" + key + "' has no value; write '" + key + " " + example(key)
                        + "' or delete the line");
                continue;
            }
            Entry previous = entries.get(key);
            if (previous != null) {
                problems.add(where + "'" + key + "' is already set on line " + previous.line()
                        + "; keep only one of the two lines");
                continue;
            }
            entries.put(key, new Entry(i + 1, key, kv[1].strip()));
        }
        Config config = build(file, entries, bare, problems);
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(p -> lineOf(file, p)));
            throw new ConfigException(problems);
        }
        return config;
    }

    /** @param bare keys written without a value: already reported, so not reported again as missing */
    private Config build(Path file, Map<String, Entry> e, Set<String> bare, List<String> problems) {
        Fields f = new Fields(file, e, problems);
        double threshold = e.containsKey("threshold") ? f.threshold() : 0;
        if (!e.containsKey("threshold") && !bare.contains("threshold")) {
            problems.add(file + ": 'threshold' is missing; add a line 'threshold 90' (percent of total RAM used)");
        }
        int grace = e.containsKey("grace")
                ? f.integer("grace", 0, 300, "seconds between SIGTERM and SIGKILL, e.g. 'grace 5'")
                : Config.DEFAULT_GRACE_SECONDS;
        int warnInterval = e.containsKey("warn_interval")
                ? f.integer("warn_interval", 0, 7 * 24 * 60, "minutes between repeated warnings, e.g. 'warn_interval 60'")
                : Config.DEFAULT_WARN_INTERVAL_MINUTES;
        Optional<Pattern> avoid = f.regex("avoid");
        Optional<Pattern> prefer = f.regex("prefer");
        Path logFile = e.containsKey("log_file") ? f.path("log_file") : paths.defaultLogFile();
        boolean killAsRoot = e.containsKey("kill_as_root") && f.bool("kill_as_root");
        Optional<Double> psi = e.containsKey("psi")
                ? Optional.of((double) f.integer("psi", 1, 100, "a memory pressure percentage (avg10), e.g. 'psi 40'"))
                : Optional.empty();
        Optional<Config.MailSettings> mail = mail(e, bare, f, problems);
        List<String> warnings = new ArrayList<>();
        if (e.containsKey("pass") && readableByOthers(file)) {
            warnings.add(file + ": holds a plain 'pass' but can be read by other users; run 'chmod 600 " + file
                    + "' or use pass_file / pass_command");
        }
        return new Config(file, threshold, mail, grace, avoid, prefer, warnInterval, logFile, killAsRoot, psi,
                warnings);
    }

    private Optional<Config.MailSettings> mail(Map<String, Entry> e, Set<String> bare, Fields f,
                                               List<String> problems) {
        Optional<String> firstMailKey = e.keySet().stream()
                .filter(k -> MAIL_KEYS.contains(k) || k.startsWith("pass"))
                .findFirst();
        if (firstMailKey.isEmpty()) {
            return Optional.empty();
        }
        for (String key : MAIL_KEYS) {
            if (!e.containsKey(key) && !bare.contains(key)) {
                problems.add(f.where(firstMailKey.get()) + "mail is on ('" + firstMailKey.get() + "' is set) but '"
                        + key + "' is missing; add a line '" + key + " " + example(key)
                        + "' (or remove all mail keys to turn mail off)");
            }
        }
        List<String> receivers = new ArrayList<>();
        if (e.containsKey("receiver")) {
            for (String r : e.get("receiver").value().split("\\s*,\\s*")) {
                if (!ADDRESS.matcher(r).matches()) {
                    problems.add(f.where("receiver") + "'" + r + "' is not an email address; write addresses like"
                            + " 'receiver you@example.com,team@example.com'");
                }
                receivers.add(r);
            }
        }
        String sender = e.containsKey("sender") ? e.get("sender").value() : "";
        if (!sender.isEmpty() && !ADDRESS.matcher(sender).matches()) {
            problems.add(f.where("sender") + "'" + sender + "' is not an email address; write 'sender alerts@example.com'");
        }
        String host = e.containsKey("smtp") ? e.get("smtp").value() : "";
        if (!host.isEmpty() && !HOST.matcher(host).matches()) {
            problems.add(f.where("smtp") + "'" + host + "' is not a host name; write 'smtp smtp.example.com'");
        }
        int port = e.containsKey("port") ? f.integer("port", 1, 65535, "the SMTP port, e.g. 'port 587'") : 0;
        Tls tls = Tls.AUTO;
        if (e.containsKey("tls")) {
            try {
                tls = Tls.parse(e.get("tls").value());
            } catch (IllegalArgumentException ex) {
                problems.add(f.where("tls") + "'" + e.get("tls").value() + "' is not a TLS mode; write 'tls auto',"
                        + " 'tls starttls', 'tls ssl' or 'tls none'");
            }
        }
        List<String> passKeys = new ArrayList<>(List.of("pass", "pass_file", "pass_command"));
        passKeys.removeIf(k -> !e.containsKey(k));
        Optional<PasswordSource> password = Optional.empty();
        if (passKeys.size() > 1) {
            problems.add(f.where(passKeys.get(1)) + "set only one of pass, pass_file and pass_command; delete the others");
        } else if (e.containsKey("pass")) {
            password = Optional.of(new PasswordSource.Plain(e.get("pass").value()));
        } else if (e.containsKey("pass_file")) {
            password = Optional.of(new PasswordSource.FromFile(f.path("pass_file")));
        } else if (e.containsKey("pass_command")) {
            password = Optional.of(new PasswordSource.FromCommand(e.get("pass_command").value()));
        }
        return Optional.of(new Config.MailSettings(receivers, sender, password, host, port, tls));
    }

    /** The line a problem names, so they are reported in file order; those naming no line come last. */
    private static int lineOf(Path file, String problem) {
        String rest = problem.substring(file.toString().length());
        Matcher m = LINE.matcher(rest);
        return m.lookingAt() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    private static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
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

    /** Typed access to the entries, adding a problem (and returning a harmless default) on bad values. */
    private final class Fields {
        private final Path file;
        private final Map<String, Entry> entries;
        private final List<String> problems;

        Fields(Path file, Map<String, Entry> entries, List<String> problems) {
            this.file = file;
            this.entries = entries;
            this.problems = problems;
        }

        String where(String key) {
            return file + ":" + entries.get(key).line() + ": ";
        }

        int integer(String key, int min, int max, String hint) {
            String v = entries.get(key).value();
            try {
                int n = Integer.parseInt(v);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problems.add(where(key) + "'" + key + "' must be a whole number from " + min + " to " + max
                    + ", not '" + v + "'; write " + hint);
            return min;
        }

        double threshold() {
            String v = entries.get("threshold").value();
            OptionalDouble t = thresholdValue(v);
            if (t.isPresent()) {
                return t.getAsDouble();
            }
            problems.add(where("threshold") + "'threshold' must be a number from 1 to 99 (decimals allowed), not '"
                    + v + "'; write a percentage of total RAM, e.g. 'threshold 90' or 'threshold 90.5'");
            return 1;
        }

        boolean bool(String key) {
            String v = entries.get(key).value();
            if (Arrays.asList("yes", "true", "on", "1").contains(v)) {
                return true;
            }
            if (!Arrays.asList("no", "false", "off", "0").contains(v)) {
                problems.add(where(key) + "'" + key + "' must be yes or no, not '" + v + "'; write '" + key
                        + " yes' or '" + key + " no'");
            }
            return false;
        }

        Optional<Pattern> regex(String key) {
            Entry entry = entries.get(key);
            if (entry == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Pattern.compile(entry.value()));
            } catch (PatternSyntaxException ex) {
                problems.add(where(key) + "'" + key + "' is not a valid regular expression (" + ex.getDescription()
                        + "); write e.g. '" + key + " " + example(key) + "'");
                return Optional.empty();
            }
        }

        Path path(String key) {
            String v = entries.get(key).value();
            if (v.equals("~") || v.startsWith("~/")) {
                return home.resolve(v.substring(Math.min(2, v.length())));
            }
            Path p = Path.of(v);
            return p.isAbsolute() ? p : paths.configDir().resolve(p);
        }
    }
}
