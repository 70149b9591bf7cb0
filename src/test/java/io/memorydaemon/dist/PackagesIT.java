// SPDX-License-Identifier: MIT
package io.memorydaemon.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memorydaemon.testing.HostLock;
import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The jpackage .deb installed for real with dpkg (tests run as root) and the .rpm's payload and metadata. */
class PackagesIT {
    /** The bash completions, linked from /usr/share to the runtime in /opt/memory-daemon/share. */
    private static final List<String> COMPLETIONS = List.of("bash-completion/completions/mem_daemon",
            "bash-completion/completions/md_wizard");
    /** The man pages: in the image for user installs, gzipped into /usr/share/man by the packages. */
    static final List<String> MAN_PAGES = List.of("man/man1/mem_daemon.1", "man/man1/md_wizard.1",
            "man/man5/md.conf.5");
    static final Path DEB = Dist.TARGET.resolve("packages/memory-daemon_" + Dist.VERSION + "-1_amd64.deb");
    static final Path RPM = Dist.TARGET.resolve("packages/memory-daemon-" + Dist.VERSION + "-1.x86_64.rpm");

    private final RunAs user = RunAs.checkerUser();
    private Path dir;
    private boolean serviceUserExisted;
    private HostLock host;

    @BeforeEach
    void tools() throws Exception {
        // another worktree's tests install the same package: dpkg and the service user are theirs too
        host = HostLock.take();
        dir = Dist.tempDir("md-packages");
        serviceUserExisted = serviceUserExists();
    }

    @AfterEach
    void clean() throws Exception {
        try {
            Dist.deleteTree(dir);
            removeServiceUserUnless(serviceUserExisted);
        } finally {
            host.close();
        }
    }

    /** Whether the system watcher's user (the .deb's postinst makes it, and dpkg --purge leaves it) exists. */
    static boolean serviceUserExists() throws Exception {
        return Run.of("getent", "passwd", "memory-daemon").env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").go()
                .exitCode() == 0;
    }

    /** Removes the system watcher's user (and its group) the test's install made, restoring the machine. */
    static void removeServiceUserUnless(boolean existedBefore) throws Exception {
        if (!existedBefore && serviceUserExists()) {
            Run.of("userdel", "memory-daemon").env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").go();
        }
    }

    @Test
    void debPutsTheLaunchersOnPathAndRemovingItLeavesUsersConfigAlone() throws Exception {
        Root.assume("install the .deb with dpkg");
        assumeTrue(onPath("dpkg"), "no dpkg on this machine: the .deb cannot be installed here");
        ensureBuilt(DEB, "deb");
        Path path = Dist.pathWithoutJava(dir);
        try (TempHome home = new TempHome(user)) {
            home.writeConfig("threshold 90\n");
            Run.of("dpkg", "-i", DEB.toString()).env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").ok();

            for (String name : List.of("mem_daemon", "md_wizard")) {
                Path link = Path.of("/usr/bin/" + name);
                assertEquals(Path.of("/opt/memory-daemon/bin/" + name), Files.readSymbolicLink(link));
            }
            Run.Result version = Run.of("/usr/bin/mem_daemon", "--version").as(user)
                    .env("HOME", home.home().toString()).env("PATH", path.toString()).ok();
            assertTrue(version.stdout().contains("memory-daemon " + Dist.VERSION), version.both());
            assertTrue(version.stdout().contains("/opt/memory-daemon"), version.both());
            for (String doc : COMPLETIONS) {
                Path link = Path.of("/usr/share/" + doc);
                assertEquals(Path.of("/opt/memory-daemon/share/" + doc), Files.readSymbolicLink(link));
                assertTrue(Files.isRegularFile(Path.of("/usr/share/" + doc)), doc);
            }
            for (String page : MAN_PAGES) {
                assertTrue(Files.isRegularFile(Path.of("/usr/share/" + page + ".gz"), LinkOption.NOFOLLOW_LINKS), page);
            }
            if (onPath("man")) {
                Run.Result man = Run.of("man", "-w", "5", "md.conf").as(user).env("HOME", home.home().toString())
                        .env("PATH", "/usr/bin:/bin").go();
                assertEquals("/usr/share/man/man5/md.conf.5.gz", man.stdout().strip(), man.both());
                for (String[] page : new String[][] {{"1", "mem_daemon"}, {"1", "md_wizard"}, {"5", "md.conf"}}) {
                    // --warnings: groff's -ww; not a terminal, so man formats the page to stdout with no pager
                    Run.Result shown = Run.of("man", "--warnings", page[0], page[1]).as(user)
                            .env("HOME", home.home().toString()).env("PATH", "/usr/bin:/bin").env("MANWIDTH", "80").go();
                    assertEquals(0, shown.exitCode(), shown.both());
                    assertEquals("", shown.stderr(), "man --warnings " + page[1]);
                    assertTrue(shown.stdout().contains(page[1]), shown.stdout());
                }
            }
            if (onPath("bash")) {
                // TAB after "mem_daemon ch", as bash asks the installed completion
                Run.Result tab = Run.of("bash", "-c", "source /usr/share/bash-completion/completions/mem_daemon"
                        + " && COMP_WORDS=(mem_daemon ch) && COMP_CWORD=1 && COMP_LINE='mem_daemon ch'"
                        + " && COMP_POINT=${#COMP_LINE} && _complete_mem_daemon 2>/dev/null;"
                        + " printf '%s\\n' \"${COMPREPLY[@]}\"").as(user).env("HOME", home.home().toString())
                        .env("PATH", "/usr/bin:/bin").ok();
                assertEquals(List.of("check"), tab.stdout().lines().toList(), tab.both());
            }
            // every user then runs md_wizard: it sets up their config and never copies the system's runtime
            Run.Result wizard = Run.of("/usr/bin/md_wizard", "install", "--yes").as(user)
                    .env("HOME", home.home().toString()).env("PATH", path.toString()).ok();
            assertTrue(wizard.stdout().contains("installed for all users in /opt/memory-daemon (a system package)"),
                    wizard.both());
            assertTrue(wizard.stdout().contains("Checked: /opt/memory-daemon/bin/mem_daemon runs (memory-daemon "
                    + Dist.VERSION + ")"), wizard.both());
            assertFalse(Files.exists(home.home().resolve(".local")), "nothing copied into the user's home");
            Run.Result status = Run.of("/usr/bin/md_wizard", "status").as(user)
                    .env("HOME", home.home().toString()).env("PATH", path.toString()).ok();
            assertTrue(status.stdout().contains("(/opt/memory-daemon, system)"), status.both());

            // installing again runs the upgrade path (old prerm upgrade, new postinst): the links stay
            Run.of("dpkg", "-i", DEB.toString()).env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").ok();
            assertTrue(Files.isExecutable(Path.of("/usr/bin/mem_daemon")), "still on PATH after an upgrade");

            Run.of("dpkg", "-r", "memory-daemon").env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").ok();

            assertFalse(Files.exists(Path.of("/usr/bin/mem_daemon"), LinkOption.NOFOLLOW_LINKS));
            assertFalse(Files.exists(Path.of("/usr/bin/md_wizard"), LinkOption.NOFOLLOW_LINKS));
            assertFalse(Files.exists(Path.of("/opt/memory-daemon")));
            for (String doc : COMPLETIONS) {
                assertFalse(Files.exists(Path.of("/usr/share/" + doc), LinkOption.NOFOLLOW_LINKS), doc);
            }
            for (String page : MAN_PAGES) {
                assertFalse(Files.exists(Path.of("/usr/share/" + page + ".gz"), LinkOption.NOFOLLOW_LINKS), page);
            }
            assertEquals("threshold 90\n", Files.readString(home.config()));
        } finally {
            if (!debState().isEmpty()) {
                Run.of("dpkg", "--purge", "memory-daemon").env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").go();
            }
        }
    }

    @Test
    void debMetadataNamesHomepageMaintainerAndRecommendsCron() throws Exception {
        assumeTrue(onPath("dpkg-deb"), "no dpkg-deb on this machine");
        ensureBuilt(DEB, "deb");
        String control = Run.of("dpkg-deb", "-f", DEB.toString()).ok().stdout();
        assertTrue(control.contains("Recommends: cron"), control);
        assertTrue(control.contains("Homepage: https://github.com/memory-daemon/memory-daemon"), control);
        assertTrue(control.contains("Description: User-level RAM watchdog"), control);
        assertTrue(control.matches("(?s).*Maintainer: .+ <.+@.+>.*"), control);
    }

    @Test
    void rpmHoldsTheRuntimeUnderOptAndOwnsTheLaunchersInUsrBin() throws Exception {
        assumeTrue(onPath("rpm"), "no rpm on this machine");
        ensureBuilt(RPM, "rpm");
        List<String> files = Run.of("rpm", "-qpl", RPM.toString()).ok().stdout().lines().toList();
        for (String f : List.of("/opt/memory-daemon/bin/java", "/opt/memory-daemon/bin/mem_daemon",
                "/opt/memory-daemon/bin/md_wizard", "/opt/memory-daemon/lib/modules",
                "/opt/memory-daemon/lib/server/md-app.jsa", "/opt/memory-daemon/lib/server/md-watch.jsa", "/opt/memory-daemon/VERSION",
                "/usr/bin/mem_daemon", "/usr/bin/md_wizard")) {
            assertTrue(files.contains(f), f + " in " + files.size() + " files");
        }
        for (String doc : COMPLETIONS) {
            assertTrue(files.contains("/usr/share/" + doc), doc);
            assertTrue(files.contains("/opt/memory-daemon/share/" + doc), doc);
        }
        for (String page : MAN_PAGES) {
            assertTrue(files.contains("/usr/share/" + page + ".gz"), page);
            assertTrue(files.contains("/opt/memory-daemon/share/" + page), page);
        }
        assertFalse(files.contains("/usr/share/man/man1"), "the filesystem package owns the man folders, not us");
        assertFalse(files.contains("/usr/bin"), "the filesystem package owns /usr/bin, not us");
        assertFalse(files.contains("/opt"), "the filesystem package owns /opt, not us");
        String info = Run.of("rpm", "-qp", "--qf", "%{URL} %{LICENSE} [%{RECOMMENDNAME}]", RPM.toString()).ok()
                .stdout();
        assertEquals("https://github.com/memory-daemon/memory-daemon MIT (cronie or cron)", info);
    }

    @Test
    void rpmInstallsIntoAScratchRootAndErasingItRemovesEverything() throws Exception {
        assumeTrue(onPath("rpm"), "no rpm on this machine");
        ensureBuilt(RPM, "rpm");
        Path root = dir.resolve("root");
        String sbin = "/usr/sbin:/usr/bin:/sbin:/bin";
        // --nodeps: the scratch root has no libc package to satisfy the requirements jpackage found; --noscripts: nor
        // a shell to run the scriptlets (which make the system user)
        Run.of("rpm", "-i", "--root", root.toString(), "--nodeps", "--noscripts", RPM.toString()).env("PATH", sbin).ok();

        Path opt = root.resolve("opt/memory-daemon");
        for (String name : List.of("mem_daemon", "md_wizard")) {
            assertEquals(Path.of("/opt/memory-daemon/bin/" + name),
                    Files.readSymbolicLink(root.resolve("usr/bin/" + name)));
            assertEquals("memory-daemon", Run.of("rpm", "--root", root.toString(), "-qf", "--qf", "%{NAME}",
                    "/usr/bin/" + name).env("PATH", sbin).ok().stdout(), "rpm -qf names the package");
        }
        try (TempHome home = new TempHome(user)) {
            Run.Result version = Run.of(opt.resolve("bin/mem_daemon").toString(), "--version").as(user)
                    .env("HOME", home.home().toString()).env("PATH", Dist.pathWithoutJava(dir).toString()).ok();
            assertTrue(version.stdout().contains("memory-daemon " + Dist.VERSION), version.both());
        }

        assertEquals(Path.of("/opt/memory-daemon/share/bash-completion/completions/mem_daemon"),
                Files.readSymbolicLink(root.resolve("usr/share/bash-completion/completions/mem_daemon")));
        assertTrue(Files.isRegularFile(root.resolve("usr/share/man/man1/mem_daemon.1.gz")));
        Run.of("rpm", "-e", "--root", root.toString(), "--noscripts", "memory-daemon").env("PATH", sbin).ok();
        assertFalse(Files.exists(opt));
        assertFalse(Files.exists(root.resolve("usr/share/man/man1/mem_daemon.1.gz"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(root.resolve("usr/bin/mem_daemon"), LinkOption.NOFOLLOW_LINKS));
    }

    /** The build makes the packages unless -Dit.test/-Dmd.skipPackages; then this IT makes them the same way. */
    static void ensureBuilt(Path pkg, String type) throws Exception {
        Path tarball = Dist.tarball(Dist.VERSION);
        if (Files.exists(pkg) && Files.getLastModifiedTime(pkg).compareTo(Files.getLastModifiedTime(tarball)) > 0) {
            return;
        }
        Run.of("sh", Dist.PROJECT.resolve("packaging/build-packages.sh").toString(), Dist.TARGET.toString(),
                Dist.VERSION, Dist.PROJECT.toString(), System.getProperty("java.home"), type)
                .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").ok();
    }

    /** dpkg's two-letter state of the package ("ii" installed, "rc" removed), empty when dpkg never saw it. */
    static String debState() throws Exception {
        Run.Result r = Run.of("dpkg-query", "-W", "-f=${db:Status-Abbrev}", "memory-daemon")
                .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").go();
        return r.exitCode() == 0 ? r.stdout().strip() : "";
    }

    static boolean onPath(String tool) throws Exception {
        return Run.of("sh", "-c", "command -v " + tool).env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").go()
                .exitCode() == 0;
    }
}
