// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The user's running {@code mem_daemon watch} processes: started now when md_wizard installs the {@code @reboot}
 * line (which would otherwise wait for the next boot), restarted on an upgrade, stopped before uninstall deletes
 * the files they run from.
 */
public final class WatcherProcesses {
    private static final String MAIN = "io.memorydaemon/io.memorydaemon.cli.MemDaemon";
    private static final String HOME_PROPERTY = "-Dmd.home=";
    private static final long START_WAIT_SECONDS = 5;
    private static final long STOP_WAIT_SECONDS = 15;

    private WatcherProcesses() { }

    /**
     * One running watcher: the image it runs from ({@code md.home}, which an upgrade or uninstall may have deleted),
     * and whether systemd started it (its cgroup is the unit's), which says how it survives logout and reboot.
     */
    public record Watcher(ProcessHandle handle, Optional<Path> image, boolean underSystemd) {
        public long pid() {
            return handle.pid();
        }

        public Optional<Instant> started() {
            return handle.info().startInstant();
        }

        /** The VERSION of the image it runs; empty when that image is gone (it runs from deleted files). */
        public Optional<String> version() {
            return image.map(i -> i.resolve("VERSION")).filter(Files::isRegularFile).flatMap(f -> {
                try {
                    return Optional.of(Files.readString(f, StandardCharsets.UTF_8).strip());
                } catch (IOException e) {
                    return Optional.empty();
                }
            });
        }
    }

    /**
     * This user's watchers for {@code home}: JVMs running memory-daemon's main with {@code watch} as the command,
     * started with that HOME. The home keeps apart the watchers of other homes of the same account (the tests'
     * temporary ones from a developer's own).
     */
    public static List<Watcher> running(Path home) {
        Optional<String> me = ProcessHandle.current().info().user();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> me.isPresent() && p.info().user().equals(me))
                .filter(p -> isWatch(p.info().arguments().orElse(new String[0])))
                .filter(p -> environment(p.pid()).contains("HOME=" + home))
                .map(p -> new Watcher(p, image(p.info().arguments().orElse(new String[0])), underSystemd(p.pid())))
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

    static Optional<Path> image(String[] args) {
        for (String a : args) {
            if (a.startsWith(HOME_PROPERTY)) {
                return Optional.of(Path.of(a.substring(HOME_PROPERTY.length())));
            }
        }
        return Optional.empty();
    }

    private static List<String> environment(long pid) {
        return List.of(read(pid, "environ").split("\0"));
    }

    private static boolean underSystemd(long pid) {
        return read(pid, "cgroup").contains("/memory-daemon.service");
    }

    private static String read(long pid, String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file), StandardCharsets.ISO_8859_1);
        } catch (IOException | SecurityException e) {
            return ""; // gone, or not ours to read
        }
    }

    /**
     * Starts {@code launcher watch} detached from this terminal and session (setsid), appending to {@code log} as
     * the {@code @reboot} line would; the watcher once it runs, empty if none appeared within a few seconds.
     */
    public static Optional<Watcher> start(Path launcher, Path log, Path home) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("setsid", "-f", launcher.toString(), "watch");
        pb.environment().put("HOME", home.toString());
        Process setsid = pb
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
        setsid.waitFor(START_WAIT_SECONDS, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_WAIT_SECONDS);
        while (System.nanoTime() - deadline < 0) {
            List<Watcher> running = running(home);
            if (!running.isEmpty()) {
                return Optional.of(running.get(0));
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    /** SIGTERM, then waits for the watcher to release the lock and exit; false if it is still running. */
    public static boolean stop(Watcher watcher) {
        ProcessHandle p = watcher.handle();
        p.destroy();
        try {
            p.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return !p.isAlive();
        }
    }
}
