// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import io.memorydaemon.config.Config;
import io.memorydaemon.config.ConfigException;
import io.memorydaemon.config.ConfigParser;
import io.memorydaemon.config.FileChecks;
import io.memorydaemon.config.SettingChecks;
import io.memorydaemon.system.ServiceUser;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code mem_daemon watch [--system] --check-config}: md.conf parsed and validated as that watcher would read it at
 * its start, strictly (a report setting's problem refuses it too, and the files it names must be usable by the
 * watcher's user), and nothing else (no lock, no pass_command run, no log). For a tool that must not install a bad file,
 * such as Ansible's {@code template} with {@code validate: mem_daemon watch --system --check-config --config %s}.
 */
public final class ConfigCheck {
    private ConfigCheck() { }

    /** 0 and one line on stdout when valid (warnings on stderr); 2 and each problem on stderr otherwise. */
    public static int run(Environment env, Optional<Path> override) {
        Path file = override.orElse(env.paths().configFile());
        try {
            ConfigParser parser = env.systemWatcher() ? ConfigParser.forSystem(env.paths(), env.home())
                    : new ConfigParser(env.paths(), env.home());
            Config config = parser.strict().parse(file);
            List<String> problems = SettingChecks.problems(config, serviceUid());
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            config.warnings().forEach(env.err()::println);
        } catch (ConfigException e) {
            e.problems().forEach(env.err()::println);
            env.err().flush();
            return ExitCode.USAGE;
        }
        env.err().flush();
        env.out().println(file + ": valid");
        env.out().flush();
        return ExitCode.OK;
    }

    /**
     * Whose an existing metrics_file must be: the watcher's own. Root checking the file for the service (the
     * package's user exists) checks it for that user, who writes the file; anyone else, for themself.
     */
    private static long serviceUid() {
        long self = FileChecks.realUid();
        return self == 0 ? ServiceUser.uid().orElse(0) : self;
    }
}
