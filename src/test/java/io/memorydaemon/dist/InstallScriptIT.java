// SPDX-License-Identifier: MIT
package io.memorydaemon.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memorydaemon.schedule.CronUser;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** install.sh under dash, as an ordinary user, against releases served over HTTP in GitHub's layout. */
class InstallScriptIT {
    private static final List<String> DOCS = List.of("man/man1/mem_daemon.1", "man/man1/md_wizard.1",
            "man/man5/md.conf.5", "bash-completion/completions/mem_daemon", "bash-completion/completions/md_wizard");
    private static final String NEXT = "99.0.0";
    private static final String TRUNCATED = "99.0.1";

    private static Path dir;
    private static Path script;
    private static Path path;
    private static ReleaseServer server;
    private final RunAs user = RunAs.checkerUser();

    @BeforeAll
    static void publishReleases() throws Exception {
        dir = Dist.tempDir("md-install");
        script = Files.copy(Dist.PROJECT.resolve("install.sh"), dir.resolve("install.sh"));
        path = Dist.pathWithoutJava(dir);
        server = new ReleaseServer(Files.createDirectories(dir.resolve("releases")));
        Path real = Dist.tarball(Dist.VERSION);
        server.publish(Dist.VERSION, real, real);
        server.latest(Dist.VERSION);
        Path next = repack(real, NEXT);
        server.publish(NEXT, next, next);
        // a download cut short: half the bytes, against the checksum of the whole file
        Path half = dir.resolve("half.tar.gz");
        byte[] all = Files.readAllBytes(next);
        Files.write(half, Arrays.copyOf(all, all.length / 2));
        server.publish(TRUNCATED, half, next);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Dist.deleteTree(dir);
    }

    @Test
    void installsTheLatestReleaseThenUpgradesInPlace() throws Exception {
        try (TempHome home = new TempHome(user)) {
            Run.Result first = install(home).ok();
            Path data = home.home().resolve(".local/share/memory-daemon");
            assertEquals(Path.of(Dist.VERSION), Files.readSymbolicLink(data.resolve("current")));
            for (String name : List.of("md_wizard", "mem_daemon")) {
                assertEquals(data.resolve("current/bin/" + name),
                        Files.readSymbolicLink(home.home().resolve(".local/bin/" + name)));
            }
            assertTrue(Files.exists(data.resolve("current/lib/server/md-app.jsa")), "CDS made on install");
            for (String doc : DOCS) {
                assertEquals(data.resolve("current/share/" + doc),
                        Files.readSymbolicLink(home.home().resolve(".local/share/" + doc)));
            }
            assertTrue(first.stdout().contains("export PATH=\"" + home.home() + "/.local/bin:$PATH\""), first.both());
            assertTrue(first.stdout().contains("next step: run md_wizard"), first.both());
            assertTrue(runLinked(home).contains("memory-daemon " + Dist.VERSION));

            Run.Result upgrade = install(home, "--version", NEXT).ok();
            assertTrue(upgrade.stdout().contains("upgraded from " + Dist.VERSION + " to " + NEXT), upgrade.both());
            assertEquals(Path.of(NEXT), Files.readSymbolicLink(data.resolve("current")));
            assertEquals(NEXT, Files.readString(data.resolve("current/VERSION")).strip());
            assertEquals(List.of(NEXT, "current -> " + NEXT), listing(data, 1), "the old version is gone");
            assertTrue(runLinked(home).contains("memory-daemon"));
            // last, as it skips where man-db is missing: the links still lead to the pages after the upgrade
            assertManFinds(home, "1", "mem_daemon", ".local/share/man/man1/mem_daemon.1");
            assertManFinds(home, "5", "md.conf", ".local/share/man/man5/md.conf.5");
        }
    }

    @Test
    void anUpgradeRestartsTheRunningWatcherAndUninstallStopsItBeforeRemovingTheFiles() throws Exception {
        try (CronUser cron = CronUser.create()) {
            Path data = cron.home().resolve(".local/share/memory-daemon");
            install(cron, "--version", Dist.VERSION).ok();
            cron.tempHome().writeConfig("threshold 99\nprefer ^mdnone$\navoid ^(?!mdnone$)\n");
            wizard(cron, "cron", "--every", "5").ok();
            assertTrue(wizard(cron, "watch", "--cron").ok().stdout().contains("Started the watcher now"));
            assertTrue(cron.tempHome().awaitLog("watch=started", 30), cron.tempHome().readLog());
            assertTrue(watchers(cron).get(0).contains("/memory-daemon/" + Dist.VERSION + " "), watchers(cron).toString());

            Run.Result upgrade = install(cron, "--version", NEXT).ok();

            assertTrue(upgrade.stdout().contains("Started the watcher on the new version (pid "), upgrade.both());
            assertEquals(1, watchers(cron).size(), watchers(cron).toString());
            assertTrue(watchers(cron).get(0).contains("/memory-daemon/" + NEXT + " "), watchers(cron).toString());
            assertEquals(List.of(NEXT, "current -> " + NEXT), listing(data, 1));

            Run.Result gone = install(cron, "--uninstall").ok();

            assertEquals("", cron.crontabText(), gone.both());
            assertEquals(List.of(), watchers(cron), gone.both());
            assertFalse(Files.exists(data, LinkOption.NOFOLLOW_LINKS), gone.both());
            assertEquals("threshold 99\nprefer ^mdnone$\navoid ^(?!mdnone$)\n", Files.readString(cron.tempHome().config()));
        }
    }

    @Test
    void aTruncatedDownloadIsRefusedAndLeavesTheOldInstallAsItWas() throws Exception {
        try (TempHome home = new TempHome(user)) {
            install(home).ok();
            List<String> before = listing(home.home().resolve(".local"), Integer.MAX_VALUE);

            Run.Result refused = install(home, "--version", TRUNCATED).go();

            assertEquals(1, refused.exitCode(), refused.both());
            assertTrue(refused.stderr().contains("checksum mismatch"), refused.both());
            assertTrue(refused.stderr().contains("nothing was installed"), refused.both());
            assertEquals(before, listing(home.home().resolve(".local"), Integer.MAX_VALUE));
            assertTrue(runLinked(home).contains("memory-daemon " + Dist.VERSION));
        }
    }

    @Test
    void uninstallRemovesWhatItInstalledAndKeepsTheUsersConfig() throws Exception {
        try (TempHome home = new TempHome(user)) {
            home.writeConfig("threshold 90\n");
            install(home).ok();

            Run.Result gone = install(home, "--uninstall").ok();

            assertTrue(gone.stdout().contains("uninstalled"), gone.both());
            assertFalse(Files.exists(home.home().resolve(".local/share/memory-daemon"), LinkOption.NOFOLLOW_LINKS));
            assertEquals(List.of(), listing(home.home().resolve(".local/bin"), 1));
            for (String doc : DOCS) {
                assertFalse(Files.exists(home.home().resolve(".local/share/" + doc), LinkOption.NOFOLLOW_LINKS), doc);
            }
            assertEquals("threshold 90\n", Files.readString(home.config()));
        }
    }

    @Test
    void installsALocalTarballOnlyWhenItsSha256Matches() throws Exception {
        Path tarball = Dist.tarball(Dist.VERSION);
        try (TempHome home = new TempHome(user)) {
            Path bin = home.home().resolve("mybin");
            Run.Result wrong = install(home, "--from", tarball.toString(), "--sha256", "0".repeat(64)).go();
            assertEquals(1, wrong.exitCode(), wrong.both());
            assertFalse(Files.exists(home.home().resolve(".local/share/memory-daemon/current"),
                    LinkOption.NOFOLLOW_LINKS));

            install(home, "--from", tarball.toString(), "--sha256", ReleaseServer.sha256(tarball),
                    "--bin-dir", bin.toString()).ok();
            assertTrue(Files.isSymbolicLink(bin.resolve("mem_daemon")));
            assertFalse(Files.exists(home.home().resolve(".local/bin/mem_daemon"), LinkOption.NOFOLLOW_LINKS));
        }
    }

    @Test
    void refusesAnythingButLinuxX8664AndSaysWhatIsSupported() throws Exception {
        Path fake = Files.createDirectories(dir.resolve("arm"));
        Files.writeString(fake.resolve("uname"), "#!/bin/sh\n[ \"$1\" = -m ] && echo aarch64 || echo Linux\n");
        fake.resolve("uname").toFile().setExecutable(true, false);
        try (TempHome home = new TempHome(user)) {
            Run.Result r = install(home).env("PATH", fake + ":" + path).go();
            assertEquals(1, r.exitCode(), r.both());
            assertTrue(r.stderr().contains("Linux x86-64 only, this is Linux aarch64"), r.both());
            assertFalse(Files.exists(home.home().resolve(".local/share/memory-daemon"), LinkOption.NOFOLLOW_LINKS));
        }
    }

    @Test
    void theShellScriptsAreShellcheckClean() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("shellcheck"));
        for (String file : List.of("install.sh", "md_wizard", "packaging/linux/preinst", "packaging/linux/postinst",
                "packaging/linux/prerm", "packaging/linux/postrm", "packaging/linux/copyright.sh",
                "packaging/linux/schedule-users.sh", "src/test/bin/crontab")) {
            cmd.add(Dist.PROJECT.resolve(file).toString());
        }
        try (Stream<Path> scripts = Files.list(Dist.PROJECT.resolve("packaging"))) {
            scripts.filter(p -> p.toString().endsWith(".sh")).sorted().forEach(p -> cmd.add(p.toString()));
        }
        Run.Result r = Run.of(cmd.toArray(String[]::new)).go();
        assertEquals(0, r.exitCode(), r.both());
    }

    private Run install(CronUser cron, String... args) {
        List<String> cmd = new ArrayList<>(List.of("dash", script.toString(), "--base-url", server.baseUrl()));
        cmd.addAll(List.of(args));
        return Run.of(cmd.toArray(String[]::new)).as(cron.runAs()).env("HOME", cron.home().toString())
                .env("PATH", path.toString());
    }

    /** ~/.local/bin/md_wizard as installed, without a systemd user instance (an empty XDG_RUNTIME_DIR). */
    private Run wizard(CronUser cron, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(cron.home().resolve(".local/bin/md_wizard").toString()));
        cmd.addAll(List.of(args));
        Path run = Files.createDirectories(cron.home().resolve("run"));
        cron.runAs().own(run);
        return Run.of(cmd.toArray(String[]::new)).as(cron.runAs()).env("HOME", cron.home().toString())
                .env("PATH", path.toString()).env("XDG_RUNTIME_DIR", run.toString());
    }

    private static List<String> watchers(CronUser cron) throws Exception {
        return cron.commandLines("io.memorydaemon.cli.MemDaemon watch");
    }

    private Run install(TempHome home, String... args) {
        List<String> cmd = new ArrayList<>(List.of("dash", script.toString(), "--base-url", server.baseUrl()));
        cmd.addAll(List.of(args));
        return Run.of(cmd.toArray(String[]::new)).as(user).env("HOME", home.home().toString())
                .env("PATH", path.toString());
    }

    /** mem_daemon --version through the ~/.local/bin link, as the user would type it. */
    private String runLinked(TempHome home) throws Exception {
        Run.Result r = Run.of(home.home().resolve(".local/bin/mem_daemon").toString(), "--version").as(user)
                .env("HOME", home.home().toString()).env("PATH", path.toString()).ok();
        return r.stdout();
    }

    /**
     * man-db, with no MANPATH, finds the page as the user would: ~/.local/bin on PATH brings ~/.local/share/man
     * (its ../share/man) into the search path.
     */
    private void assertManFinds(TempHome home, String section, String page, String expected) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/man")), "no man here: apt-get install man-db to check");
        Run.Result r = Run.of("man", "-w", section, page).as(user).env("HOME", home.home().toString())
                .env("PATH", home.home().resolve(".local/bin") + ":/usr/bin:/bin").go();
        // man -w prints the page's real path, the link resolved
        assertEquals(home.home().resolve(expected).toRealPath().toString(), r.stdout().strip(), r.both());
    }

    /** Every path under {@code root} to {@code depth}, with link targets: a fingerprint of an install. */
    private static List<String> listing(Path root, int depth) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(root, depth)) {
            return all.filter(p -> !p.equals(root)).map(p -> {
                String name = root.relativize(p).toString();
                try {
                    return Files.isSymbolicLink(p) ? name + " -> " + Files.readSymbolicLink(p) : name;
                } catch (IOException e) {
                    return name + " ?";
                }
            }).sorted().collect(Collectors.toList());
        }
    }

    private static Path repack(Path tarball, String version) throws Exception {
        Path work = Files.createDirectories(dir.resolve("repack"));
        Run.of("tar", "-xzf", tarball.toString(), "-C", work.toString()).ok();
        Path top = work.resolve("memory-daemon-" + version);
        Files.move(work.resolve("memory-daemon-" + Dist.VERSION), top);
        Files.writeString(top.resolve("VERSION"), version + "\n");
        Path out = dir.resolve("memory-daemon-" + version + "-linux-x86_64.tar.gz");
        Run.of("tar", "-czf", out.toString(), "-C", work.toString(), top.getFileName().toString()).ok();
        return out;
    }
}
