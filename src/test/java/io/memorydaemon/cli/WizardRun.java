// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import io.memorydaemon.app.Environment;
import io.memorydaemon.cli.wizard.Prompter;
import io.memorydaemon.cli.wizard.WizardSession;
import io.memorydaemon.install.Origin;
import io.memorydaemon.schedule.CronUser;
import io.memorydaemon.testing.CrontabStandIn;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.Shell;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * md_wizard as the tests drive it, answers given as stdin text. Whatever runs the checker (the test entry, status)
 * goes through a launcher, as the throw-away user, so it decides what that user's run would; the in-process run
 * (as root, the test JVM) is only for what never reaches the checker: menu parsing, bad input, end of input, flags.
 */
final class WizardRun {
    private WizardRun() { }

    /** The built image's md_wizard (target/image) as {@code user}. */
    static Run.Result image(CronUser user, Map<String, String> extraEnv, String input, String... args)
            throws IOException, InterruptedException {
        return launcher(new ImageRun(user.runAs(), user.home()).image(), user, extraEnv, input, args);
    }

    /**
     * {@code <image>/bin/md_wizard} as {@code user}, in its HOME with an empty XDG_RUNTIME_DIR (no systemd user
     * instance). Files the test put in the home as root are given to the user first, as they would be theirs.
     */
    static Run.Result launcher(Path image, CronUser user, Map<String, String> extraEnv, String input,
            String... args) throws IOException, InterruptedException {
        ImageRun run = new ImageRun(user.runAs(), user.home(), image).stdin(input)
                .env("XDG_RUNTIME_DIR", Files.createDirectories(user.home().resolve("run")).toString());
        extraEnv.forEach(run::env);
        user.runAs().own(user.home());
        return run.run("md_wizard", args);
    }

    /** A copy of the built image that {@code user} owns: a build in their own checkout, which install copies. */
    static Path userBuild(CronUser user) throws IOException {
        Path build = Files.createDirectories(user.home().resolve("src/memory-daemon/target")).resolve("image");
        Shell.run("cp", "-a", new ImageRun(user.runAs(), user.home()).image().toString(), build.toString());
        user.runAs().own(user.home());
        return build;
    }

    /** md_wizard in this JVM, with the built image as its origin; never for anything that runs the checker. */
    static Run.Result inProcess(CronUser user, Map<String, String> extraEnv, String input, String... args)
            throws IOException {
        Map<String, String> vars = new LinkedHashMap<>(Map.of("HOME", user.home().toString(),
                "PATH", CrontabStandIn.path("/usr/bin:/bin"),
                "XDG_RUNTIME_DIR", Files.createDirectories(user.home().resolve("run")).toString()));
        vars.putAll(extraEnv);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment env = new Environment(vars, new PrintWriter(out, true), new PrintWriter(err, true));
        Path image = new ImageRun(user.runAs(), user.home()).image();
        WizardSession session = new WizardSession(env, Prompter.plain(new BufferedReader(new StringReader(input)), env.out()),
                new Origin(Optional.of(image), Optional.of(image.resolve("bin/md_wizard"))), user.crontab());
        int rc = Wizard.run(session, args);
        return new Run.Result(rc, out.toString(), err.toString());
    }
}
