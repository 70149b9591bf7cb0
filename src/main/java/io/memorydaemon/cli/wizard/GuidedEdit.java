// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import io.memorydaemon.check.Units;
import io.memorydaemon.config.ConfigException;
import io.memorydaemon.config.ConfigParser;
import io.memorydaemon.install.ConfigRewriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The guided mode of Edit: one question per key; an empty answer keeps the current value. An answer md.conf would
 * refuse is refused with md.conf's reason and asked again, and md.conf is only replaced by a file that parses.
 */
final class GuidedEdit {
    private final WizardSession s;
    private final ConfigParser parser;

    GuidedEdit(WizardSession session) {
        this.s = session;
        this.parser = new ConfigParser(session.paths(), session.env().home());
    }

    /** @throws ConfigException when md.conf is not text, or other lines keep it from parsing: nothing written */
    void run(Path file) throws IOException, ConfigException {
        String text = parser.text(file);
        Map<String, String> now = ConfigRewriter.values(text);
        Map<String, String> set = new LinkedHashMap<>();
        s.out().println("Mail is optional: leave receiver empty to keep mail off.");
        put(set, "receiver", ask(file, "Receiver address(es), comma-separated", "receiver", now));
        if (set.containsKey("receiver") || now.containsKey("receiver")) {
            put(set, "sender", ask(file, "Sender address (also the SMTP login)", "sender", now));
            if (now.containsKey("pass_file") || now.containsKey("pass_command")) {
                s.out().println("The password comes from " + (now.containsKey("pass_file") ? "pass_file" : "pass_command")
                        + "; not asked.");
            } else {
                put(set, "pass", s.prompt().secret("SMTP password"));
            }
        }
        set.put("threshold", threshold(now.get("threshold")));
        put(set, "warn_threshold", warnThreshold(now.get("warn_threshold"),
                ConfigParser.thresholdValue(set.get("threshold")).getAsDouble()));
        if (set.containsKey("receiver") || now.containsKey("receiver")) {
            put(set, "smtp", ask(file, "SMTP server", "smtp", now));
            set.put("port", Integer.toString(s.prompt().number("SMTP port", 1, 65535, number(now.get("port"), 587))));
        }
        ConfigRewriter.write(file, ConfigRewriter.set(text, set), parser);
        s.out().println("Wrote " + String.join(", ", set.keySet()) + " to " + file
                + " (other lines and comments kept).");
    }

    /** Asked until md.conf would accept the answer (an empty one keeps the current value, if that is accepted). */
    private String ask(Path file, String question, String key, Map<String, String> now) {
        while (true) {
            String a = s.prompt().ask(question, now.getOrDefault(key, ""));
            List<String> problems = a.isBlank() ? List.of() : parser.problemsWith(file, key, a.strip());
            if (problems.isEmpty()) {
                return a;
            }
            problems.forEach(p -> s.out().println("Not accepted: " + p));
        }
    }

    private static void put(Map<String, String> set, String key, String value) {
        if (!value.isBlank()) {
            set.put(key, value.strip());
        }
    }

    /** Asked until the answer is a threshold md.conf accepts; decimals allowed (90.5). */
    private String threshold(String current) {
        String fallback = current != null && ConfigParser.thresholdValue(current).isPresent()
                ? Units.threshold(ConfigParser.thresholdValue(current).getAsDouble()) : "90";
        while (true) {
            String a = s.prompt().ask("Threshold, percent of RAM used (1-99, e.g. 90 or 90.5)", fallback);
            OptionalDouble t = ConfigParser.thresholdValue(a);
            if (t.isPresent()) {
                return Units.threshold(t.getAsDouble());
            }
            s.out().println("Please give a number from 1 to 99, e.g. 90 or 90.5.");
        }
    }

    /**
     * Asked until the answer is a percentage below {@code threshold}, or empty (none, or the current one when it is
     * still below): the early warning, once, before the kill.
     */
    private String warnThreshold(String current, double threshold) {
        boolean keep = current != null && ConfigParser.thresholdValue(current).isPresent()
                && ConfigParser.thresholdValue(current).getAsDouble() < threshold;
        while (true) {
            String a = s.prompt().ask("Early warning at, percent of RAM used (below " + Units.threshold(threshold)
                    + "; empty: " + (keep ? "keep " + current : "none") + ")", keep ? current : "");
            if (a.isBlank()) {
                if (current == null || keep) {
                    return "";
                }
                s.out().println("Not accepted: the current warn_threshold " + current + " is not below the threshold "
                        + Units.threshold(threshold) + "; give a lower one.");
                continue;
            }
            OptionalDouble w = ConfigParser.thresholdValue(a);
            if (w.isPresent() && w.getAsDouble() < threshold) {
                return Units.threshold(w.getAsDouble());
            }
            s.out().println("Please give a number from 1 to 99 below the threshold " + Units.threshold(threshold)
                    + ", e.g. " + Units.threshold(Math.max(1, threshold - 10)) + ".");
        }
    }

    private static int number(String value, int fallback) {
        try {
            return Integer.parseInt(value == null ? "" : value.replace("%", ""));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
