// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import io.memorydaemon.check.Units;
import io.memorydaemon.config.ConfigParser;
import io.memorydaemon.install.ConfigRewriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** The guided mode of Edit: one question per key; an empty answer keeps the current value. */
final class GuidedEdit {
    private final WizardSession s;

    GuidedEdit(WizardSession session) {
        this.s = session;
    }

    void run(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Map<String, String> now = ConfigRewriter.values(text);
        Map<String, String> set = new LinkedHashMap<>();
        s.out().println("Mail is optional: leave receiver empty to keep mail off.");
        put(set, "receiver", s.prompt().ask("Receiver address(es), comma-separated", now.getOrDefault("receiver", "")));
        if (set.containsKey("receiver") || now.containsKey("receiver")) {
            put(set, "sender", s.prompt().ask("Sender address (also the SMTP login)", now.getOrDefault("sender", "")));
            if (now.containsKey("pass_file") || now.containsKey("pass_command")) {
                s.out().println("The password comes from " + (now.containsKey("pass_file") ? "pass_file" : "pass_command")
                        + "; not asked.");
            } else {
                put(set, "pass", s.prompt().secret("SMTP password"));
            }
        }
        set.put("threshold", threshold(now.get("threshold")));
        if (set.containsKey("receiver") || now.containsKey("receiver")) {
            put(set, "smtp", s.prompt().ask("SMTP server", now.getOrDefault("smtp", "")));
            set.put("port", Integer.toString(s.prompt().number("SMTP port", 1, 65535, number(now.get("port"), 587))));
        }
        Files.writeString(file, ConfigRewriter.set(text, set), StandardCharsets.UTF_8);
        s.out().println("Wrote " + String.join(", ", set.keySet()) + " to " + file
                + " (other lines and comments kept).");
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

    private static int number(String value, int fallback) {
        try {
            return Integer.parseInt(value == null ? "" : value.replace("%", ""));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
