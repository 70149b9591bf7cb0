// SPDX-License-Identifier: MIT
package io.memorydaemon.watch;

import io.memorydaemon.testing.CrontabStandIn;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code mem_daemon watch} of the linked image, running in the background as a user with a clean environment. */
final class WatchRun implements AutoCloseable {
    private final Process process;
    private final TempHome home;
    private final Path stderr;

    private WatchRun(Process process, TempHome home, Path stderr) {
        this.process = process;
        this.home = home;
        this.stderr = stderr;
    }

    /** Starts the watcher and waits until it logs that it holds the lock and watches. */
    static WatchRun start(RunAs user, TempHome home, String... args) throws IOException, InterruptedException {
        return startUntil("watch=started", user, home, args);
    }

    /** Starts the watcher and waits until the log holds {@code text}. */
    static WatchRun startUntil(String text, RunAs user, TempHome home, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(new ImageRun(user, home.home()).launcher("mem_daemon").toString(),
                "watch"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(user.command(cmd));
        pb.environment().clear();
        pb.environment().put("HOME", home.home().toString());
        pb.environment().put("PATH", CrontabStandIn.path("/usr/local/bin:/usr/bin:/bin"));
        pb.environment().put("LANG", "C.UTF-8");
        Path err = Files.createTempFile("md-watch-err", ".txt");
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        WatchRun run = new WatchRun(pb.start(), home, err);
        if (!run.awaitLog(text, 60)) {
            run.close();
            throw new IllegalStateException("the watcher did not start: " + home.readLog() + run.stderr());
        }
        return run;
    }

    /** Polls the log until it holds {@code text}; false after {@code seconds}. */
    boolean awaitLog(String text, long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() - deadline < 0) {
            if (home.readLog().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return home.readLog().contains(text);
            }
            Thread.sleep(100);
        }
        return false;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM (the launcher execs the JVM, so this is the JVM's pid) and returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the watcher did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does, and returns the exit code. */
    int interrupt() throws InterruptedException, IOException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0 || !process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the watcher did not stop within 60 s of SIGINT");
        }
        return process.exitValue();
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        Files.deleteIfExists(stderr);
    }
}
