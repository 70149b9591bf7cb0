// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a launcher of the linked image (target/image) as a given user, with a clean environment of the test's making. */
public final class ImageRun {

    /** What a run printed and returned. */
    public record Result(int exitCode, String stdout, String stderr) { }

    private final Path image;
    private final Map<String, String> env = new LinkedHashMap<>();
    private RunAs user;
    private String stdin;

    /** As {@code user}, with HOME set and XDG_CONFIG_HOME unset, PATH the system default. */
    public ImageRun(RunAs user, Path home) {
        this(user, home, Path.of(System.getProperty("md.image", "target/image")));
    }

    /** As above, running the launchers of another copy of the image (e.g. one the user owns, as a build). */
    public ImageRun(RunAs user, Path home, Path image) {
        this.image = image.toAbsolutePath();
        this.user = user;
        env.put("HOME", home.toString());
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
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

    /** Runs {@code bin/<launcher> args…} with stdin empty or as {@link #stdin} set it, waiting at most two minutes. */
    public Result run(String launcher, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(launcher(launcher).toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(user == null ? cmd : user.command(cmd));
        pb.environment().clear();
        pb.environment().putAll(env);
        Path in = Files.writeString(Files.createTempFile("md-in", ".txt"), stdin == null ? "" : stdin, StandardCharsets.UTF_8);
        Path out = Files.createTempFile("md-out", ".txt");
        Path err = Files.createTempFile("md-err", ".txt");
        try {
            pb.redirectInput(in.toFile());
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd + " did not finish within 2 minutes");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A run as root (only for tests about root). */
    public ImageRun asRoot() {
        this.user = null;
        return this;
    }
}
