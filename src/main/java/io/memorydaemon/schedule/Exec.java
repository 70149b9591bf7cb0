// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a short external command (crontab, systemctl) with the user's environment; never hangs the wizard. */
public final class Exec {

    /** What a command printed and returned; exit code 127 when it could not be started at all. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The first line of stderr (or stdout), for a one-line error. */
        public String firstLine() {
            String text = stderr.isBlank() ? stdout : stderr;
            return text.strip().lines().findFirst().orElse("exit code " + exitCode);
        }
    }

    private static final long TIMEOUT_SECONDS = 30;

    private Exec() { }

    /** Runs {@code command} with {@code env} as its whole environment, writing {@code input} to its stdin. */
    public static Result run(List<String> command, Map<String, String> env, String input) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(127, "", command.get(0) + ": cannot run (" + e.getMessage() + ")");
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the command did not read its input; its exit code and stderr tell why
        }
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(124, "", String.join(" ", command) + ": no answer within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Result(130, "", String.join(" ", command) + ": interrupted");
        }
    }

    private static CompletableFuture<String> drain(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
