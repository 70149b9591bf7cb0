// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.Shell;
import io.memorydaemon.testing.TempHome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A throw-away user the test creates (useradd) with a temporary home, so its crontab can be edited for real
 * without touching anyone's; removed again (crontab, user, home) on close.
 */
public final class CronUser implements AutoCloseable {
    private final String name;
    private final TempHome home;
    private final RunAs user;

    private CronUser(String name, TempHome home, RunAs user) {
        this.name = name;
        this.home = home;
        this.user = user;
    }

    public static CronUser create() throws IOException {
        String name = "mdwz" + Long.toHexString(System.nanoTime() & 0xffffff);
        Path dir = java.nio.file.Files.createTempDirectory("md-cronuser");
        Shell.run("useradd", "-M", "-U", "-d", dir.toString(), "-s", "/bin/sh", name);
        RunAs user = RunAs.lookup(name);
        java.nio.file.Files.delete(dir);
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

    /** The user's crontab, edited as root with {@code crontab -u}. */
    public Crontab crontab() {
        return Crontab.ofUser(Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"), name);
    }

    /** The raw text {@code crontab -l} prints ("" when there is none). */
    public String crontabText() throws Crontab.CrontabException {
        return crontab().read().text();
    }

    /** Runs a crontab line's command as cron would: as this user, by /bin/sh, with an empty environment. */
    public Run.Result runAsCronWould(String line) throws IOException, InterruptedException {
        String command = line.split("\\s+", 6)[5]; // the line without its five time fields
        return Run.of("env", "-i", "/bin/sh", "-c", command).as(user).go();
    }

    @Override
    public void close() throws IOException {
        try {
            // a watcher the test had the user start, left running by a failed assertion: only this user's
            new ProcessBuilder("pkill", "-KILL", "-u", name).start().waitFor();
            new ProcessBuilder("crontab", "-u", name, "-r").start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Shell.run("userdel", name);
        home.close();
    }
}
