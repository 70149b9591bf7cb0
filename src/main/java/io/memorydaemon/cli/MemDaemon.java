// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import io.memorydaemon.app.CheckService;
import io.memorydaemon.app.Environment;
import io.memorydaemon.app.ExitCode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Entry point of the {@code mem_daemon} launcher; the only place that exits. The plain {@code check} forms cron runs
 * and the plain {@code watch} forms skip picocli (see {@link CheckArgs}, {@link WatchArgs}); everything else goes
 * through it.
 */
public final class MemDaemon {
    private MemDaemon() { }

    public static void main(String[] args) {
        System.exit(run(Environment.system(), args));
    }

    public static int run(Environment env, String... args) {
        String[] translated = translateLegacy(args);
        Optional<CheckService.Request> check = CheckArgs.parse(translated);
        if (check.isPresent()) {
            try {
                return new CheckService(env).run(check.get());
            } catch (RuntimeException e) {
                return failed(env.err(), e);
            }
        }
        Optional<WatchArgs.Watch> watch = WatchArgs.parse(translated);
        if (watch.isPresent()) {
            try {
                return watch.get().run(env);
            } catch (RuntimeException e) {
                return failed(env.err(), e);
            }
        }
        return Picocli.run(env, translated);
    }

    /** Apart, so that verifying MemDaemon loads no picocli class (the verifier loads the interfaces it checks). */
    private static final class Picocli {
        static int run(Environment env, String[] args) {
            CommandLine cli = new CommandLine(new MemDaemonCommand(), new Factory(env));
            cli.setOut(env.out()).setErr(env.err());
            cli.setExecutionExceptionHandler((e, cmd, parsed) -> failed(cmd.getErr(), e));
            return cli.execute(args);
        }
    }

    private static int failed(PrintWriter err, Exception e) {
        err.println("mem_daemon: " + e);
        err.flush();
        return ExitCode.FAILURE;
    }

    /** The original tool's {@code mem_daemon DUMMY EMAIL} positional form (0 1 = real run, 1 1 = dummy test). */
    static String[] translateLegacy(String[] args) {
        if (args.length == 2 && args[0].matches("[01]") && args[1].matches("[01]")) {
            List<String> check = new java.util.ArrayList<>(List.of("check"));
            if (args[0].equals("1")) {
                check.add("--test");
            }
            if (args[1].equals("0")) {
                check.add("--no-mail");
            }
            return check.toArray(String[]::new);
        }
        return args;
    }
}
