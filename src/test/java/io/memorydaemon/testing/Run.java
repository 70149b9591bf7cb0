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

/** A command run with an environment of the test's making (nothing inherited), optionally as another user. */
public final class Run {

    /** What a run printed and returned. */
    public record Result(int exitCode, String stdout, String stderr) {
        public String both() {
            return stdout + stderr;
        }
    }

    private final List<String> command;
    private final Map<String, String> env = new LinkedHashMap<>();
    private RunAs user;
    private String stdin = "";

    private Run(List<String> command) {
        this.command = command;
        env.put("LANG", "C.UTF-8");
    }

    public static Run of(String... command) {
        return new Run(List.of(command));
    }

    public static Run of(List<String> command) {
        return new Run(List.copyOf(command));
    }

    /** As {@code runAs}; {@code null} runs as the test itself (root). */
    public Run as(RunAs runAs) {
        this.user = runAs;
        return this;
    }

    public Run env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Run env(Map<String, String> variables) {
        env.putAll(variables);
        return this;
    }

    /** Feeds {@code text} on stdin (answers to md_wizard's questions) instead of an empty stdin. */
    public Run stdin(String text) {
        this.stdin = text;
        return this;
    }

    /** Runs with stdin as set (empty by default), waiting at most five minutes. */
    public Result go() throws IOException, InterruptedException {
        List<String> full = user == null ? command : user.command(new ArrayList<>(command));
        ProcessBuilder pb = new ProcessBuilder(full);
        pb.environment().clear();
        pb.environment().putAll(env);
        Path in = Files.writeString(Files.createTempFile("md-in", ".txt"), stdin, StandardCharsets.UTF_8);
        pb.redirectInput(in.toFile());
        Path out = Files.createTempFile("md-out", ".txt");
        Path err = Files.createTempFile("md-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(full + " did not finish within 5 minutes");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs and fails the test unless the command exits 0. */
    public Result ok() throws IOException, InterruptedException {
        Result r = go();
        if (r.exitCode() != 0) {
            throw new AssertionError(command + " exited " + r.exitCode() + ":\n" + r.both());
        }
        return r;
    }
}
