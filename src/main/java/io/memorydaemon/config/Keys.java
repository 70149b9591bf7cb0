// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

/** How md.conf's values are shown in problems, and an example of each key's value to suggest. */
final class Keys {
    private static final int SHOWN_CHARS = 60;

    private Keys() { }

    /** A value as quoted in a problem: a long one cut, so each problem stays one readable line. */
    static String shown(String value) {
        return value.length() <= SHOWN_CHARS ? value : value.substring(0, SHOWN_CHARS - 1) + "…";
    }

    /** A percentage as the user wrote it: {@code 90} for 90.0, {@code 90.5} for 90.5. */
    static String percent(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
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
            case "victim" -> "job";
            case "warn_threshold" -> "80";
            default -> "VALUE";
        };
    }
}
