// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import io.memorydaemon.config.Config;
import io.memorydaemon.config.ConfigException;
import io.memorydaemon.config.ConfigParser;
import io.memorydaemon.config.FileChecks;
import io.memorydaemon.config.PasswordSource;
import io.memorydaemon.config.SettingChecks;
import io.memorydaemon.system.Passwords;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one way every command loads md.conf: {@code --config FILE} or the user's own (the system watcher's:
 * /etc/memory-daemon/md.conf, root's alone), parsed and validated.
 */
public final class ConfigLoader {
    private ConfigLoader() { }

    /** Parses and validates; cheap, for cron's check. */
    public static Config load(Environment env, Optional<Path> override) throws ConfigException {
        ConfigParser parser = env.systemWatcher() ? ConfigParser.forSystem(env.paths(), env.home())
                : new ConfigParser(env.paths(), env.home());
        return parser.parse(override.orElse(env.paths().configFile()));
    }

    /**
     * As {@link #load}, for a person (edit, test, status, cron): every problem refuses it, a report setting's too,
     * with whether the files md.conf names can be used now and {@code pass_command} run once (within its deadline)
     * to prove it prints a password.
     */
    public static Config loadChecked(Environment env, Optional<Path> override) throws ConfigException {
        Config config = load(env, override);
        List<String> problems = new ArrayList<>(SettingChecks.problems(config, FileChecks.realUid()));
        passCommandProblem(env, config).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    /** Whether {@code pass_command} fails to print a password, run once within its deadline. */
    static Optional<String> passCommandProblem(Environment env, Config config) {
        Optional<PasswordSource> password = config.mail().flatMap(Config.MailSettings::password);
        if (password.isPresent() && password.get() instanceof PasswordSource.FromCommand command) {
            try {
                Passwords.resolve(command, env.variables(), Passwords.COMMAND_DEADLINE);
            } catch (IOException e) {
                return Optional.of(config.file() + ":" + command.line() + ": " + e.getMessage()
                        + "; fix the command (run it yourself to see) or use pass_file");
            }
        }
        return Optional.empty();
    }
}
