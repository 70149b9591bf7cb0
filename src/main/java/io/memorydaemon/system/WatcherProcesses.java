// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The user's running {@code mem_daemon watch} processes: started now when md_wizard installs the {@code @reboot}
 * line (which would otherwise wait for the next boot), stopped when it removes it.
 */
public final class WatcherProcesses {
    private static final String MAIN = "io.memorydaemon/io.memorydaemon.cli.MemDaemon";
    private static final long START_WAIT_SECONDS = 5;
    private static final long STOP_WAIT_SECONDS = 15;

    private WatcherProcesses() { }

    /** This user's watchers: JVMs running memory-daemon's main with {@code watch} as the command. */
    public static List<ProcessHandle> running() {
        Optional<String> me = ProcessHandle.current().info().user();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> me.isPresent() && p.info().user().equals(me))
                .filter(p -> isWatch(p.info().arguments().orElse(new String[0])))
                .toList();
    }

    static boolean isWatch(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (Objects.equals(args[i], MAIN)) {
                return args[i + 1].equals("watch");
            }
        }
        return false;
    }

    /**
     * Starts {@code launcher watch} detached from this terminal and session (setsid), appending to {@code log} as
     * the {@code @reboot} line would; the watcher once it runs, empty if none appeared within a few seconds.
     */
    public static Optional<ProcessHandle> start(Path launcher, Path log) throws IOException, InterruptedException {
        Process setsid = new ProcessBuilder("setsid", "-f", launcher.toString(), "watch")
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
        setsid.waitFor(START_WAIT_SECONDS, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_WAIT_SECONDS);
        while (System.nanoTime() - deadline < 0) {
            List<ProcessHandle> running = running();
            if (!running.isEmpty()) {
                return Optional.of(running.get(0));
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    /** SIGTERM, then waits for the watcher to release the lock and exit; false if it is still running. */
    public static boolean stop(ProcessHandle watcher) {
        watcher.destroy();
        try {
            watcher.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !watcher.isAlive();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return !watcher.isAlive();
        }
    }
}
