// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every problem with md.conf's settings a person should fix, with its line: the report settings' problems the
 * parser kept, and whether the files md.conf names can be used now (the log, the metrics file, the pass file, the
 * CA file). For {@code md_wizard edit}, {@code test} and {@code status}; a run asks each feature's own check when it
 * uses it, and a problem there costs that feature alone.
 */
public final class SettingChecks {
    private SettingChecks() { }

    /** @param uid the effective uid (root may not log where others write; a metrics file must be this user's) */
    public static List<String> problems(Config config, long uid) {
        List<String> out = new ArrayList<>(config.problems());
        if (config.lines().containsKey("log_file")) {
            add(out, config, "log_file", FileChecks.logFile(config.logFile(), uid));
        }
        config.metricsFile().ifPresent(m -> add(out, config, "metrics_file", FileChecks.metricsFile(m, uid)));
        config.mail().flatMap(Config.MailSettings::password).ifPresent(p -> {
            if (p instanceof PasswordSource.FromFile f) {
                add(out, config, "pass_file", FileChecks.passFile(f.file()));
            }
        });
        config.mail().flatMap(Config.MailSettings::caFile).ifPresent(ca -> {
            try {
                CaFile.read(ca);
            } catch (IOException e) {
                out.add(config.where("ca_file") + "ca_file " + ca + " " + e.getMessage() + "; name a PEM file holding"
                        + " your mail server's CA certificate ('-----BEGIN CERTIFICATE-----'), or remove the line");
            }
        });
        return out;
    }

    private static void add(List<String> out, Config config, String key, Optional<String> problem) {
        problem.ifPresent(p -> out.add(config.where(key) + p));
    }
}
