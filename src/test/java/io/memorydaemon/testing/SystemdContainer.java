// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A Debian bookworm container booted with systemd as its PID 1 ({@code systemd-nspawn -b}) on a throw-away overlay
 * of the cached {@link DebianRoot}: what a test changes inside is gone with it, and it survives a reboot of the
 * container. The host's PID 1 need not be systemd: nspawn runs with {@code --register=no --keep-unit}, and the test
 * drives the container with {@code nsenter} into its PID 1's namespaces, never through machinectl on the host. The
 * container shares the host's network (a mail server on the host's loopback is reachable) and /proc/meminfo.
 *
 * <p>What a test does inside: {@link #root} runs a command as root, {@link #session} runs a script as a user in a
 * real logind session (pam_systemd, the user's systemd instance, as an ssh login gets), {@link #file} reaches a
 * file, {@link #await} waits for a condition; every one has a deadline.
 */
public final class SystemdContainer implements AutoCloseable {
    private static final Duration BOOT_DEADLINE = Duration.ofSeconds(90);
    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(120);
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** Inside the container: where {@link #session} leaves its scripts and their output (sticky, for all users). */
    private static final String EXCHANGE = "/var/lib/md-it";

    private final String name;
    private final Overlay overlay;
    private final Path bootLog;
    private Process nspawn;
    private long pid1;
    private int sessions;

    private SystemdContainer(String name, Overlay overlay, Path bootLog) {
        this.name = name;
        this.overlay = overlay;
        this.bootLog = bootLog;
    }

    /** Boots a fresh container; skips the test, saying why, where that cannot be done. */
    public static SystemdContainer boot() throws IOException, InterruptedException {
        Root.assume("boot a container with systemd-nspawn");
        assumeTrue(DebianRoot.onPath("systemd-nspawn"), "no systemd-nspawn (apt install systemd-container)");
        Path root = DebianRoot.ensure();
        String name = "md-it-" + Long.toHexString(System.nanoTime() & 0xffffffL);
        Overlay overlay = Overlay.mount(root, name);
        SystemdContainer c = new SystemdContainer(name, overlay, overlay.work().resolve("boot.log"));
        try {
            c.start();
            Files.createDirectories(c.file(EXCHANGE));
            c.root("chmod", "1777", EXCHANGE);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Host path of a file inside (on the container's disk: not /tmp or /run, which are its own tmpfs). */
    public Path file(String inside) {
        return overlay.merged().resolve(inside.replaceFirst("^/+", ""));
    }

    /** Runs a command as root inside (a clean environment, C.UTF-8), waiting at most two minutes. */
    public Run.Result root(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid1), "-a", "env", "-i",
                "PATH=" + PATH, "LANG=C.UTF-8", "SYSTEMD_PAGER=cat"));
        full.addAll(List.of(command));
        return run(full, COMMAND_DEADLINE);
    }

    /** As {@link #root}, failing the test unless it exits 0. */
    public String rootOk(String... command) throws IOException, InterruptedException {
        Run.Result r = root(command);
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + r.exitCode() + " in " + name + ":\n"
                    + r.both());
        }
        return r.stdout();
    }

    /**
     * Runs {@code script} (sh) as {@code user} in a new logind session ({@code machinectl shell user@.host}, as a
     * login gets it: pam_systemd, XDG_RUNTIME_DIR, the user's systemd instance); its own exit code and output. What it
     * starts in the background outlives the session, as after a real logout without KillUserProcesses.
     */
    public Run.Result session(String user, String script) throws IOException, InterruptedException {
        int n = ++sessions;
        String base = EXCHANGE + "/session-" + n;
        Files.writeString(file(base + ".sh"), script, StandardCharsets.UTF_8);
        root("chmod", "644", base + ".sh");
        // machinectl shell gives neither the exit code nor clean output (a pty): the wrapper keeps both in files
        String wrapper = "/bin/sh " + base + ".sh > " + base + ".out 2> " + base + ".err < /dev/null; echo $? > "
                + base + ".rc";
        Run.Result shell = root("timeout", "-k", "5", Long.toString(COMMAND_DEADLINE.toSeconds()), "machinectl",
                "-q", "shell", user + "@.host", "/bin/sh", "-c", wrapper);
        Path rc = file(base + ".rc");
        if (!Files.exists(rc)) {
            throw new AssertionError("the session of " + user + " did not finish (machinectl exited "
                    + shell.exitCode() + "): " + shell.both());
        }
        return new Run.Result(Integer.parseInt(Files.readString(rc).strip()), Files.readString(file(base + ".out")),
                Files.readString(file(base + ".err")));
    }

    /** Polls {@code condition} every 200 ms until it holds; false when {@code deadline} passed first. */
    public static boolean await(Duration deadline, Callable<Boolean> condition) throws Exception {
        return Await.until(deadline, condition);
    }

    /** Reboots the container (systemctl reboot inside; nspawn ends, as it does without a service to restart it). */
    public void reboot() throws IOException, InterruptedException {
        root("systemctl", "reboot");
        if (!awaitExit(BOOT_DEADLINE)) {
            throw new IllegalStateException(name + " did not shut down for the reboot within " + BOOT_DEADLINE);
        }
        start();
    }

    /** The container's journal of {@code unit}, message text only ({@code -o cat}), optionally at a priority. */
    public String journal(String unit, Optional<String> priority) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("journalctl", "--no-pager", "-o", "cat", "-u", unit));
        priority.ifPresent(p -> cmd.addAll(List.of("-p", p)));
        return root(cmd.toArray(String[]::new)).stdout();
    }

    /** What a stuck test shows: the end of the console output. */
    public String bootLog() throws IOException {
        return Files.exists(bootLog) ? Files.readString(bootLog) : "";
    }

    /** Powers it off (nspawn turns SIGTERM into the container's own shutdown) and removes all it wrote. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (nspawn != null && nspawn.isAlive()) {
                nspawn.destroy();
                if (!awaitExit(Duration.ofSeconds(30))) {
                    nspawn.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            overlay.remove();
        }
    }

    private void start() throws IOException, InterruptedException {
        nspawn = new ProcessBuilder("systemd-nspawn", "-b", "-D", overlay.merged().toString(), "-M", name,
                "--register=no", "--keep-unit", "--console=pipe")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(bootLog.toFile())).start();
        long until = System.nanoTime() + BOOT_DEADLINE.toNanos();
        pid1 = 0;
        while (pid1 == 0) {
            // nspawn's child becomes the container's PID 1 once it has exec'd systemd
            pid1 = nspawn.children().filter(c -> c.info().command().orElse("").endsWith("/systemd"))
                    .mapToLong(ProcessHandle::pid).findFirst().orElse(0);
            if (pid1 == 0 && (!nspawn.isAlive() || System.nanoTime() - until > 0)) {
                throw new IllegalStateException("systemd-nspawn did not start systemd in " + name + ":\n" + bootLog());
            }
            Thread.sleep(50);
        }
        // until its own bus is up, systemctl cannot ask PID 1 at all ("Failed to connect to bus"): ask again
        String state = "";
        while (!state.equals("running")) {
            if (!nspawn.isAlive() || System.nanoTime() - until > 0) {
                throw new IllegalStateException(name + " did not boot within " + BOOT_DEADLINE + " (" + state
                        + "); failed units:\n" + root("systemctl", "--failed", "--no-legend").stdout() + bootLog());
            }
            state = run(List.of("nsenter", "-t", Long.toString(pid1), "-a", "timeout", "10", "systemctl",
                    "is-system-running", "--wait"), Duration.ofSeconds(20)).stdout().strip();
            if (state.equals("degraded")) {
                throw new IllegalStateException(name + " booted degraded; failed units:\n"
                        + root("systemctl", "--failed", "--no-legend").stdout());
            }
            if (!state.equals("running")) {
                Thread.sleep(100);
            }
        }
    }

    private boolean awaitExit(Duration deadline) throws InterruptedException {
        return nspawn.waitFor(deadline.toSeconds(), TimeUnit.SECONDS);
    }

    private static Run.Result run(List<String> command, Duration deadline) throws IOException, InterruptedException {
        Path out = Files.createTempFile("md-ct-out", ".txt");
        Path err = Files.createTempFile("md-ct-err", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                    "/dev/null"))).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(deadline.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(command + " did not finish within " + deadline);
            }
            return new Run.Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
