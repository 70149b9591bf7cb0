// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import io.memorydaemon.app.CheckService;
import io.memorydaemon.app.Environment;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mem_daemon check}: one pass. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Check used RAM once and act on the dominant process if it is over the threshold.")
public final class CheckCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config = new ConfigOption();

    @ArgGroup(exclusive = true)
    ModeOptions modes = new ModeOptions();

    static final class ModeOptions {
        @Option(names = "--dry-run", description = "Report the decision; signal nothing, mail nothing.")
        boolean dryRun;

        @Option(names = "--test", description = "Dummy trigger: threshold treated as 0, real mail marked as a test,"
                + " nothing killed.")
        boolean test;
    }

    @Option(names = "--no-mail", description = "Do not send mail (the decision is still logged).")
    boolean noMail;

    private final Environment env;

    CheckCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        return new CheckService(env).run(request());
    }

    CheckService.Request request() {
        return CheckArgs.request(config.file, modes.dryRun, modes.test, noMail);
    }
}
