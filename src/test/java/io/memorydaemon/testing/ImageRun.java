// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a launcher of the linked image (target/image) as a given user, with a clean environment of the test's making. */
public final class ImageRun {

    private final Path image;
    private final Map<String, String> env = new LinkedHashMap<>();
    private RunAs user;
    private String stdin;

    /** As {@code user}, with HOME set and XDG_CONFIG_HOME unset, PATH the system default (and the crontab stand-in). */
    public ImageRun(RunAs user, Path home) {
        this(user, home, Path.of(System.getProperty("md.image", "target/image")));
    }

    /** As above, running the launchers of another copy of the image (e.g. one the user owns, as a build). */
    public ImageRun(RunAs user, Path home, Path image) {
        this.image = image.toAbsolutePath();
        this.user = user;
        env.put("HOME", home.toString());
        env.put("PATH", CrontabStandIn.path("/usr/local/bin:/usr/bin:/bin"));
        env.put("LANG", "C.UTF-8");
    }

    public ImageRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Feeds {@code text} on stdin (answers to md_wizard's questions) instead of an empty stdin. */
    public ImageRun stdin(String text) {
        this.stdin = text;
        return this;
    }

    public Path image() {
        return image;
    }

    public Path launcher(String name) {
        return image.resolve("bin").resolve(name);
    }

    /** Runs {@code bin/<launcher> args…} with stdin empty or as {@link #stdin} set it. */
    public Run.Result run(String launcher, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(launcher(launcher).toString()));
        cmd.addAll(List.of(args));
        return Run.of(cmd).as(user).env(env).stdin(stdin == null ? "" : stdin).go();
    }

    /** A run as root (only for tests about root). */
    public ImageRun asRoot() {
        this.user = null;
        return this;
    }
}
