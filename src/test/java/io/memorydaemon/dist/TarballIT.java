// SPDX-License-Identifier: MIT
package io.memorydaemon.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The release tarball, unpacked by hand, runs on its bundled runtime alone: no system Java, no JAVA_HOME; as the build
 * leaves it (its checksum beside it), install.sh --from installs it.
 */
class TarballIT {
    private static final long SIZE_BUDGET_BYTES = 25L * 1024 * 1024;

    private final RunAs user = RunAs.checkerUser();
    private Path dir;
    private Path top;
    private Path path;

    @BeforeEach
    void unpack() throws Exception {
        dir = Dist.tempDir("md-tarball");
        Run.of("tar", "-xzf", Dist.tarball(Dist.VERSION).toString(), "-C", dir.toString()).ok();
        top = dir.resolve("memory-daemon-" + Dist.VERSION);
        path = Dist.pathWithoutJava(dir);
    }

    @AfterEach
    void clean() {
        Dist.deleteTree(dir);
    }

    @Test
    void holdsTheImageReadmeAndLicenseUnderOneVersionedDirectory() throws Exception {
        try (Stream<Path> entries = Files.list(dir)) {
            assertEquals(2, entries.count(), "only memory-daemon-<version>/ (and the test's tools dir)");
        }
        for (String file : new String[] {"README.md", "LICENSE", "VERSION", "bin/java", "bin/mem_daemon",
                "bin/md_wizard", "lib/modules", "lib/generate-cds.sh", "share/memory-daemon/md.conf.template",
                "share/man/man1/mem_daemon.1", "share/man/man1/md_wizard.1", "share/man/man5/md.conf.5",
                "share/bash-completion/completions/mem_daemon", "share/bash-completion/completions/md_wizard"}) {
            assertTrue(Files.exists(top.resolve(file)), file);
        }
        assertEquals(Dist.VERSION, Files.readString(top.resolve("VERSION")).strip());
        assertFalse(Files.exists(top.resolve("lib/server/classes.jsa")), "CDS archives are made on install");
        long size = Files.size(Dist.tarball(Dist.VERSION));
        assertTrue(size < SIZE_BUDGET_BYTES, "tarball is " + size + " bytes, over the 25 MiB budget");
    }

    @Test
    void runsVersionAndADryRunCheckWithNoSystemJava() throws Exception {
        Run.Result noJava = Run.of("sh", "-c", "command -v java").env("PATH", path.toString()).go();
        assertNotEquals(0, noJava.exitCode(), "the test PATH must hide the system JDK: " + noJava.stdout());

        try (TempHome home = new TempHome(user)) {
            // candidates restricted to a name no process has: the dry run must not even consider others' processes
            home.writeConfig("threshold 1\nprefer ^mdnone$\navoid ^(?!mdnone$)\n");
            Run.Result version = launcher("mem_daemon", home, "--version").ok();
            assertTrue(version.stdout().contains("memory-daemon " + Dist.VERSION), version.both());
            assertTrue(version.stdout().contains(top.toRealPath().toString()), "runs the bundled runtime: "
                    + version.both());

            Run.Result check = launcher("mem_daemon", home, "check", "--dry-run").go();
            assertEquals(0, check.exitCode(), check.both());
            assertTrue(home.readLog().contains("threshold=1%"), home.readLog());
        }
    }

    @Test
    void classDataSharingArchivesAreMadeByTheShippedScript() throws Exception {
        user.own(top);
        Run.of(top.resolve("lib/generate-cds.sh").toString()).as(user).env("PATH", path.toString())
                .env("HOME", dir.toString()).ok();
        assertTrue(Files.size(top.resolve("lib/server/classes.jsa")) > 0);
        assertTrue(Files.size(top.resolve("lib/server/md-app.jsa")) > 0);
        assertTrue(Files.size(top.resolve("lib/server/md-watch.jsa")) > 0, "the watcher's own archive");
        try (TempHome home = new TempHome(user)) {
            // -Xshare:on makes the JVM fail instead of silently running without the archives
            Run.Result r = launcher("mem_daemon", home, "--version").env("MD_JAVA_OPTS", "-Xshare:on").go();
            assertEquals(0, r.exitCode(), r.both());
            Run.Result watch = launcher("mem_daemon", home, "watch", "--version").env("MD_JAVA_OPTS", "-Xshare:on").go();
            assertEquals(0, watch.exitCode(), "the watcher maps md-watch.jsa: " + watch.both());
        }
    }

    @Test
    void installShInstallsTheBuildsTarballCheckedAgainstTheChecksumsWrittenBesideIt() throws Exception {
        Path tarball = Dist.tarball(Dist.VERSION);
        // a release's format: one "HEX  NAME" line per file, as sha256sum writes it
        assertEquals(ReleaseServer.sha256(tarball) + "  " + tarball.getFileName() + "\n",
                Files.readString(tarball.resolveSibling("checksums_sha256.txt")));
        try (TempHome home = new TempHome(user)) {
            Run.Result r = Run.of("dash", Dist.PROJECT.resolve("install.sh").toString(), "--from", tarball.toString())
                    .as(user).env("HOME", home.home().toString()).env("PATH", path.toString()).ok();
            assertTrue(r.stdout().contains("memory-daemon " + Dist.VERSION + " installed in"), r.both());
            Run.Result version = Run.of(home.home().resolve(".local/bin/mem_daemon").toString(), "--version").as(user)
                    .env("HOME", home.home().toString()).env("PATH", path.toString()).ok();
            assertTrue(version.stdout().contains("memory-daemon " + Dist.VERSION), version.both());
        }
    }

    private Run launcher(String name, TempHome home, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = top.resolve("bin").resolve(name).toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        return Run.of(cmd).as(user).env("HOME", home.home().toString()).env("PATH", path.toString());
    }
}
