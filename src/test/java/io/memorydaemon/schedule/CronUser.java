// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import io.memorydaemon.testing.CrontabStandIn;
import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.Shell;
import io.memorydaemon.testing.TempHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A user whose crontab the test edits for real without touching anyone's. As root: a throw-away user the test
 * creates (useradd) with a temporary home and a real crontab, removed again (crontab, user, home) on close. As an
 * ordinary user: that user, in a temporary home, with the crontab the stand-in keeps for that home
 * ({@link CrontabStandIn}), never the user's real one.
 */
public final class CronUser implements AutoCloseable {
    private static final String SYSTEM_PATH = "/usr/sbin:/usr/bin:/sbin:/bin";

    private final String name;
    private final TempHome home;
    private final RunAs user;

    private CronUser(String name, TempHome home, RunAs user) {
        this.name = name;
        this.home = home;
        this.user = user;
    }

    public static CronUser create() throws IOException {
        if (!Root.is()) {
            RunAs self = RunAs.checkerUser();
            return new CronUser(self.user(), new TempHome(self), self);
        }
        String name = "mdwz" + Long.toHexString(System.nanoTime() & 0xffffff);
        Path dir = Files.createTempDirectory("md-cronuser");
        Shell.run("useradd", "-M", "-U", "-d", dir.toString(), "-s", "/bin/sh", name);
        RunAs user = RunAs.lookup(name);
        Files.delete(dir);
        TempHome home = new TempHome(user);
        Shell.run("usermod", "-d", home.home().toString(), name);
        return new CronUser(name, home, user);
    }

    public String name() {
        return name;
    }

    public RunAs runAs() {
        return user;
    }

    public TempHome tempHome() {
        return home;
    }

    public Path home() {
        return home.home();
    }

    /** The user's crontab: as root edited with {@code crontab -u}, else the stand-in's for this home. */
    public Crontab crontab() {
        if (Root.is()) {
            return Crontab.ofUser(Map.of("PATH", SYSTEM_PATH), name);
        }
        return Crontab.ofCurrentUser(Map.of("PATH", CrontabStandIn.path(SYSTEM_PATH), "HOME", home().toString()));
    }

    /** The raw text {@code crontab -l} prints ("" when there is none). */
    public String crontabText() throws Crontab.CrontabException {
        return crontab().read().text();
    }

    /**
     * Runs a crontab line's command as cron would: as this user, by /bin/sh, with only the environment cron gives
     * (HOME from the password file, LOGNAME, SHELL=/bin/sh, PATH=/usr/bin:/bin). As root the throw-away user's passwd
     * home is the temporary one; an ordinary user's is their real home, so there HOME is the temporary home, as cron
     * would set it for a user whose home it is.
     */
    public Run.Result runAsCronWould(String line) throws IOException, InterruptedException {
        String command = line.split("\\s+", 6)[5]; // the line without its five time fields
        return Run.of("env", "-i", "HOME=" + home(), "LOGNAME=" + name, "SHELL=/bin/sh", "PATH=/usr/bin:/bin",
                "/bin/sh", "-c", command).as(Root.is() ? user : null).go();
    }

    /** How many of this user's processes run a command line containing {@code part} (e.g. a watcher). */
    public int running(String part) throws IOException, InterruptedException {
        if (Root.is()) {
            String out = Run.of("pgrep", "-c", "-u", name, "-f", part).env("PATH", "/usr/bin:/bin").go().stdout();
            return Integer.parseInt(out.strip());
        }
        return ownInThisHome(part).size();
    }

    /** The command lines of this user's processes whose command line holds {@code part}. */
    public List<String> commandLines(String part) throws IOException, InterruptedException {
        if (Root.is()) {
            String out = Run.of("pgrep", "-a", "-u", name, "-f", part).env("PATH", "/usr/bin:/bin").go().stdout();
            return out.lines().filter(l -> !l.isBlank()).toList();
        }
        return ownInThisHome(part).stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
    }

    /**
     * The tests' own processes started with this HOME whose command line holds {@code part}: as an ordinary user
     * "this user's processes" would include the build itself, so the home tells the test's apart.
     */
    private List<ProcessHandle> ownInThisHome(String part) {
        String homeVar = "HOME=" + home();
        return ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().orElse("").contains(part))
                .filter(p -> environment(p.pid()).contains(homeVar)).toList();
    }

    private static List<String> environment(long pid) {
        try {
            return List.of(Files.readString(Path.of("/proc", Long.toString(pid), "environ"),
                    java.nio.charset.StandardCharsets.ISO_8859_1).split("\0"));
        } catch (IOException | SecurityException e) {
            return List.of(); // another user's, or gone
        }
    }

    @Override
    public void close() throws IOException {
        try {
            // a watcher the test had the user start, left running by a failed assertion: only this user's
            if (Root.is()) {
                new ProcessBuilder("pkill", "-KILL", "-u", name).start().waitFor();
                new ProcessBuilder("crontab", "-u", name, "-r").start().waitFor();
            } else {
                for (ProcessHandle p : ownInThisHome("")) {
                    p.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // no crontab command on this machine: there is no crontab to remove, the user still goes
        } finally {
            if (Root.is()) {
                Shell.run("userdel", name);
            }
            home.close();
        }
    }
}
