// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way memory-daemon starts an external command (crontab, systemctl, getent, pass_command): an environment
 * of the caller's making, stdin written, stdout and stderr read beside the wait and capped, and a deadline by the
 * wall clock after which the command and its children are killed. A command that cannot start, times out or is
 * interrupted gives a result too (exit 127, 124, 130) with a one-line reason; nothing here throws.
 */
public final class Commands {

    /** What a command printed and returned. */
    public record Result(int exitCode, String stdout, String stderr) {
        public static final int CANNOT_RUN = 127;
        public static final int TIMED_OUT = 124;

        public boolean ok() {
            return exitCode == 0;
        }

        /** The first line of stderr (or stdout), for a one-line error. */
        public String firstLine() {
            String text = stderr.isBlank() ? stdout : stderr;
            return text.strip().lines().findFirst().orElse("exit code " + exitCode);
        }
    }

    /** Enough for any answer these commands give; a command printing more is cut, never buffered whole. */
    static final int MAX_OUTPUT_BYTES = 256 * 1024;
    /** crontab and systemctl answer at once when healthy; a hung one must not hang the wizard. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

    private Commands() { }

    /** Runs {@code command} with {@code env} as its whole environment, writing {@code input} to its stdin. */
    public static Result run(List<String> command, Map<String, String> env, String input) {
        return run(command, env, input, DEFAULT_DEADLINE);
    }

    public static Result run(List<String> command, Map<String, String> env, String input, Duration deadline) {
        long until = System.nanoTime() + deadline.toNanos();
        List<String> resolved = new java.util.ArrayList<>(command);
        resolved.set(0, onPath(command.get(0), env));
        ProcessBuilder pb = new ProcessBuilder(resolved);
        pb.environment().clear();
        pb.environment().putAll(env);
        if (input.isEmpty()) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(Result.CANNOT_RUN, "", command.get(0) + ": cannot run (" + e.getMessage() + ")");
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        if (!input.isEmpty()) {
            CompletableFuture.runAsync(() -> write(p, input));
        }
        String name = String.join(" ", command);
        try {
            if (!p.waitFor(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                kill(p);
                return new Result(Result.TIMED_OUT, "", name + ": no answer within " + deadline.toSeconds() + " s");
            }
            // a child that outlives the command (sh -c 'sleep 99 &') may hold the pipes open: read what came
            long left = Math.max(0, until - System.nanoTime()) + TimeUnit.MILLISECONDS.toNanos(200);
            return new Result(p.exitValue(), collect(out, left), collect(err, left));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(p);
            return new Result(130, "", name + ": interrupted");
        }
    }

    /**
     * A bare command name looked up on the PATH of the environment the command gets, as a shell would: Java itself
     * searches its own PATH, so the caller's environment could not otherwise choose which crontab or systemctl runs.
     */
    static String onPath(String name, Map<String, String> env) {
        return name.contains("/") ? name : find(name, env.getOrDefault("PATH", "")).map(Path::toString).orElse(name);
    }

    /** The executable file {@code name} in the first directory of {@code path} that has one. */
    public static Optional<Path> find(String name, String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static void write(Process p, String input) {
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the command did not read its input; its exit code and stderr tell why
        }
    }

    private static String collect(CompletableFuture<String> stream, long nanos) throws InterruptedException {
        try {
            return stream.get(nanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return "";
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (stream) {
                byte[] kept = stream.readNBytes(MAX_OUTPUT_BYTES);
                stream.transferTo(OutputStream.nullOutputStream());
                f.complete(new String(kept, StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.complete("");
            }
        }, "md-command-output");
        t.setDaemon(true);
        t.start();
        return f;
    }
}
