// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One user's settings, read once from md.conf and never changed.
 *
 * @param file           where it was read from
 * @param thresholdPercent used RAM above which the check acts, 1 to 99, decimals allowed (90.5)
 * @param mail           the SMTP settings, empty when no mail key is set (mail off)
 * @param warnings       non-fatal findings worth telling the user (e.g. a world-readable password)
 * @param metricsFile    where to write the metrics for node_exporter's textfile collector; empty: none
 * @param minUid         the system watcher's lowest uid of an ordinary user ({@code min_uid}); empty: UID_MIN of
 *                       /etc/login.defs
 * @param ownerDomain    the system watcher also mails the process owner at {@code user@ownerDomain}
 * @param victimJobs     md.conf's {@code victim}: {@code job} (true, the default) kills a job's every process together,
 *                       {@code process} only the largest one
 * @param problems       what is wrong with the settings that only report on the protection (mail, metrics, the log,
 *                       owner mail): each costs its feature alone, which is then off (mail: its notices are kept),
 *                       and the run says so and exits non-zero; one line each, {@code md.conf:4: …}
 * @param mailSet        whether md.conf sets any mail key, even one that is wrong: then a notice is kept for later
 * @param lines          the line of each key, for problems a feature finds when it uses its file
 * @param warnThresholdPercent md.conf's {@code warn_threshold}: used RAM at or above which (under the threshold) the
 *                       user is told once, early, which job of theirs a kill would take; empty: no early warning
 */
public record Config(
        Path file,
        double thresholdPercent,
        Optional<MailSettings> mail,
        int graceSeconds,
        Optional<Pattern> avoid,
        Optional<Pattern> prefer,
        int warnIntervalMinutes,
        Path logFile,
        boolean killAsRoot,
        Optional<Double> psiThresholdPercent,
        List<String> warnings,
        Optional<Path> metricsFile,
        Optional<Long> minUid,
        Optional<String> ownerDomain,
        boolean victimJobs,
        List<String> problems,
        boolean mailSet,
        Map<String, Integer> lines,
        Optional<Double> warnThresholdPercent) {

    public static final int DEFAULT_GRACE_SECONDS = 5;
    public static final int DEFAULT_WARN_INTERVAL_MINUTES = 60;

    public Config {
        warnings = List.copyOf(warnings);
        problems = List.copyOf(problems);
        lines = Map.copyOf(lines);
    }

    /** A user's settings without a metrics file, and none of the keys only the system watcher reads. */
    public Config(Path file, double thresholdPercent, Optional<MailSettings> mail, int graceSeconds,
                  Optional<Pattern> avoid, Optional<Pattern> prefer, int warnIntervalMinutes, Path logFile,
                  boolean killAsRoot, Optional<Double> psiThresholdPercent, List<String> warnings) {
        this(file, thresholdPercent, mail, graceSeconds, avoid, prefer, warnIntervalMinutes, logFile, killAsRoot,
                psiThresholdPercent, warnings, Optional.empty(), Optional.empty(), Optional.empty(), true, List.of(),
                mail.isPresent(), Map.of(), Optional.empty());
    }

    /** The settings of an md.conf holding only {@code threshold 90}: what status explains the rule with when md.conf is missing. */
    public static Config defaults(Path file) {
        return new Config(file, 90, Optional.empty(), DEFAULT_GRACE_SECONDS, Optional.empty(), Optional.empty(),
                DEFAULT_WARN_INTERVAL_MINUTES, file.resolveSibling("tmp.log"), false, Optional.empty(), List.of());
    }

    /** The same settings with another threshold (the dummy trigger uses 0). */
    public Config withThreshold(double percent) {
        return new Config(file, percent, mail, graceSeconds, avoid, prefer, warnIntervalMinutes, logFile,
                killAsRoot, psiThresholdPercent, warnings, metricsFile, minUid, ownerDomain, victimJobs, problems,
                mailSet, lines, percent == 0 ? Optional.empty() : warnThresholdPercent);
    }

    /** The same settings grouping every process alone ({@code victim process}). */
    public Config withVictimJobs(boolean jobs) {
        return new Config(file, thresholdPercent, mail, graceSeconds, avoid, prefer, warnIntervalMinutes, logFile,
                killAsRoot, psiThresholdPercent, warnings, metricsFile, minUid, ownerDomain, jobs, problems,
                mailSet, lines, warnThresholdPercent);
    }

    /** Where md.conf sets the key, for a problem found when its file is used; "md.conf: " when it is not set. */
    public String where(String key) {
        Integer line = lines.get(key);
        return file + (line == null ? ": " : ":" + line + ": ");
    }

    /**
     * SMTP settings; present only when mail is configured, and then complete.
     *
     * @param sender     the bare address: the From address, the envelope sender and the SMTP login
     * @param senderName the display name written before it in md.conf ({@code sender "Memory Daemon" <md@…>})
     * @param caFile     PEM CA certificates trusted besides the runtime's CA list
     */
    public record MailSettings(
            List<String> receivers,
            String sender,
            Optional<PasswordSource> password,
            String smtpHost,
            int smtpPort,
            Tls tls,
            Optional<String> senderName,
            Optional<Path> caFile) {

        public MailSettings {
            receivers = List.copyOf(receivers);
        }

        public MailSettings(List<String> receivers, String sender, Optional<PasswordSource> password,
                            String smtpHost, int smtpPort, Tls tls) {
            this(receivers, sender, password, smtpHost, smtpPort, tls, Optional.empty(), Optional.empty());
        }
    }
}
