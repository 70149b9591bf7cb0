// SPDX-License-Identifier: MIT
package io.memorydaemon.dist;

import io.memorydaemon.testing.RunAs;
import java.io.File;
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
final class Run {

    /** What a run printed and returned. */
    record Result(int exitCode, String stdout, String stderr) {
        String both() {
            return stdout + stderr;
        }
    }

    private final List<String> command;
    private final Map<String, String> env = new LinkedHashMap<>();
    private RunAs user;

    private Run(List<String> command) {
        this.command = command;
        env.put("LANG", "C.UTF-8");
    }

    static Run of(String... command) {
        return new Run(List.of(command));
    }

    Run as(RunAs runAs) {
        this.user = runAs;
        return this;
    }

    Run env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Runs with stdin closed, waiting at most five minutes. */
    Result go() throws IOException, InterruptedException {
        List<String> full = user == null ? command : user.command(new ArrayList<>(command));
        ProcessBuilder pb = new ProcessBuilder(full);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
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
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs and fails the test unless the command exits 0. */
    Result ok() throws IOException, InterruptedException {
        Result r = go();
        if (r.exitCode() != 0) {
            throw new AssertionError(command + " exited " + r.exitCode() + ":\n" + r.both());
        }
        return r;
    }
}
