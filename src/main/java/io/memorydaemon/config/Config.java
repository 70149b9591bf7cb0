// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.nio.file.Path;
import java.util.List;
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
        Optional<Integer> minUid,
        Optional<String> ownerDomain) {

    public static final int DEFAULT_GRACE_SECONDS = 5;
    public static final int DEFAULT_WARN_INTERVAL_MINUTES = 60;

    public Config {
        warnings = List.copyOf(warnings);
    }

    /** A user's settings without a metrics file, and none of the keys only the system watcher reads. */
    public Config(Path file, double thresholdPercent, Optional<MailSettings> mail, int graceSeconds,
                  Optional<Pattern> avoid, Optional<Pattern> prefer, int warnIntervalMinutes, Path logFile,
                  boolean killAsRoot, Optional<Double> psiThresholdPercent, List<String> warnings) {
        this(file, thresholdPercent, mail, graceSeconds, avoid, prefer, warnIntervalMinutes, logFile, killAsRoot,
                psiThresholdPercent, warnings, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The same settings with another threshold (the dummy trigger uses 0). */
    public Config withThreshold(double percent) {
        return new Config(file, percent, mail, graceSeconds, avoid, prefer, warnIntervalMinutes, logFile,
                killAsRoot, psiThresholdPercent, warnings, metricsFile, minUid, ownerDomain);
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
