// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import io.memorydaemon.app.CheckService;
import io.memorydaemon.check.Checker;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code check} request, built the same way by picocli's {@link CheckCommand} and by the fast path cron takes:
 * picocli's 170-odd classes cannot be archived by CDS (Java 5 class files) and cost ~60 ms of a check that finds
 * nothing to do. Uses no picocli type, so the fast path loads none.
 */
final class CheckArgs {
    private CheckArgs() { }

    static CheckService.Request request(Path config, boolean dryRun, boolean test, boolean noMail) {
        Checker.Mode mode = dryRun ? Checker.Mode.DRY_RUN : test ? Checker.Mode.TEST : Checker.Mode.REAL;
        return new CheckService.Request(Optional.ofNullable(config), mode, !noMail);
    }

    /**
     * The forms cron runs: {@code check} with each of {@code --dry-run}, {@code --test}, {@code --no-mail},
     * {@code --config FILE} at most once. Empty for anything else (help, errors, other commands, unusual spellings
     * such as {@code --config=FILE}): picocli parses those and words their errors.
     */
    static Optional<CheckService.Request> parse(String[] args) {
        if (args.length == 0 || !args[0].equals("check")) {
            return Optional.empty();
        }
        Path config = null;
        boolean dryRun = false;
        boolean test = false;
        boolean noMail = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--dry-run" -> {
                    if (dryRun || test) {
                        return Optional.empty();
                    }
                    dryRun = true;
                }
                case "--test" -> {
                    if (dryRun || test) {
                        return Optional.empty();
                    }
                    test = true;
                }
                case "--no-mail" -> {
                    if (noMail) {
                        return Optional.empty();
                    }
                    noMail = true;
                }
                case "--config" -> {
                    if (config != null || i + 1 == args.length || args[i + 1].isEmpty()
                            || args[i + 1].startsWith("-")) {
                        return Optional.empty();
                    }
                    config = Path.of(args[++i]);
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(request(config, dryRun, test, noMail));
    }
}
