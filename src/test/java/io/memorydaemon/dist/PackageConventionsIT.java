// SPDX-License-Identifier: MIT
package io.memorydaemon.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memorydaemon.testing.HostLock;
import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The packages keep Debian's (and where rpm has them, rpm's) conventions: lintian finds no error but the /opt layout
 * the runtime chose; the launchers' links, the man pages, the completions and the documents are the package's own
 * files (dpkg -S names it); every install, upgrade and reinstall says what to do next; the copyright names the licence
 * of every module the runtime holds and every notice OpenJDK ships.
 */
class PackageConventionsIT {
    private static final String SBIN = "/usr/sbin:/usr/bin:/sbin:/bin";
    private static final String DOC = "/usr/share/doc/memory-daemon/";
    /** Files dpkg must own; README.md is gzipped only when over 4 kB (Debian policy 12.3), so it is checked apart. */
    private static final List<String> OWNED = List.of("/usr/bin/mem_daemon", "/usr/bin/md_wizard",
            "/usr/share/man/man1/mem_daemon.1.gz", "/usr/share/man/man1/md_wizard.1.gz",
            "/usr/share/man/man5/md.conf.5.gz",
            "/usr/share/bash-completion/completions/mem_daemon", "/usr/share/bash-completion/completions/md_wizard",
            DOC + "copyright", DOC + "changelog.Debian.gz", DOC + "changelog.gz");
    private static final Pattern LINTIAN = Pattern.compile("^([EW]): memory-daemon: (\\S+)(.*)$", Pattern.MULTILINE);
    private static final String NEXT_STEPS = "each user sets up their own watchdog by running";
    private static final String ENABLE = "then run: systemctl enable --now memory-daemon";

    @Test
    void lintianFindsNoErrorButTheOptLayout() throws Exception {
        assumeTrue(PackagesIT.onPath("lintian"), "no lintian on this machine: apt-get install lintian");
        PackagesIT.ensureBuilt(PackagesIT.DEB, "deb");
        Run.Result r = Run.of("lintian", "--no-cfg", PackagesIT.DEB.toString()).env("PATH", SBIN).go();
        List<String> errors = new ArrayList<>();
        int opt = 0;
        for (Matcher m = LINTIAN.matcher(r.stdout()); m.find(); ) {
            if (m.group(1).equals("E") && m.group(2).equals("dir-or-file-in-opt")) {
                opt++;
            } else if (m.group(1).equals("E")) {
                errors.add(m.group(2) + m.group(3));
            }
        }
        // the runtime lives in /opt/memory-daemon by design (a third-party package with its own Java): that error
        // stays, and seeing it proves lintian read the package
        assertTrue(opt > 0, r.both());
        assertEquals(List.of(), errors, r.both());
    }

    @Test
    void theDebOwnsItsLinksManPagesAndDocumentsAndEveryInstallSaysWhatToDoNext() throws Exception {
        Root.assume("install the .deb with dpkg");
        assumeTrue(PackagesIT.onPath("dpkg"), "no dpkg on this machine: the .deb cannot be installed here");
        PackagesIT.ensureBuilt(PackagesIT.DEB, "deb");
        try (HostLock host = HostLock.take()) {
            boolean serviceUserExisted = PackagesIT.serviceUserExists();
            List<Path> oldLinks = new ArrayList<>();
            try {
                // 0.1.0's postinst linked the man pages under their uncompressed names; an upgrade must not leave them
                for (String page : PackagesIT.MAN_PAGES) {
                    Path link = Path.of("/usr/share/" + page);
                    if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                        oldLinks.add(Files.createSymbolicLink(link, Path.of("/opt/memory-daemon/share/" + page)));
                    }
                }
                Run.Result install = dpkg("-i", PackagesIT.DEB.toString());
                assertHint(install);
                assertFalse(install.stdout().contains("reinstalled"), install.both());
                for (String path : OWNED) {
                    assertEquals("memory-daemon: " + path, dpkg("-S", path).stdout().strip());
                }
                for (String page : PackagesIT.MAN_PAGES) {
                    assertFalse(Files.exists(Path.of("/usr/share/" + page), LinkOption.NOFOLLOW_LINKS), page);
                }
                assertEquals(read(Dist.PROJECT.resolve("CHANGELOG.md")), gunzip(Path.of(DOC + "changelog.gz")));
                Path readme = Path.of(DOC + "README.md");
                String shipped = Files.exists(readme) ? read(readme) : gunzip(Path.of(DOC + "README.md.gz"));
                assertEquals(read(Dist.PROJECT.resolve("README.md")), shipped);
                assertTrue(gunzip(Path.of(DOC + "changelog.Debian.gz"))
                        .startsWith("memory-daemon (" + Dist.VERSION + "-1) "), "changelog.Debian names the version");
                assertTrue(read(Path.of(DOC + "copyright")).startsWith(
                        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"));

                // the same version again runs the upgrade path: the hint again, the files still the package's
                assertHint(dpkg("-i", PackagesIT.DEB.toString()));
                assertEquals("memory-daemon: /usr/bin/mem_daemon", dpkg("-S", "/usr/bin/mem_daemon").stdout().strip());

                // removed, md.conf kept ("rc"), installed again: the reinstall says so, and the hint again
                dpkg("-r", "memory-daemon");
                assertEquals("rc", PackagesIT.debState());
                Run.Result again = dpkg("-i", PackagesIT.DEB.toString());
                assertTrue(again.stdout().contains("memory-daemon: reinstalled over the settings its removal kept"
                        + " (/etc/memory-daemon/md.conf)."), again.both());
                assertHint(again);
                assertFalse(Files.exists(Path.of("/run/memory-daemon.reinstall")), "the mark is gone");
            } finally {
                for (Path link : oldLinks) {
                    Files.deleteIfExists(link);
                }
                if (!PackagesIT.debState().isEmpty()) {
                    Run.of("dpkg", "--purge", "memory-daemon").env("PATH", SBIN).go();
                }
                PackagesIT.removeServiceUserUnless(serviceUserExisted);
            }
        }
    }

    @Test
    void theCopyrightNamesTheLicenceOfEveryModuleAndEveryNoticeOfTheRuntime() throws Exception {
        assumeTrue(PackagesIT.onPath("dpkg-deb"), "no dpkg-deb on this machine");
        PackagesIT.ensureBuilt(PackagesIT.DEB, "deb");
        String copyright = Run.of("sh", "-c", "dpkg-deb --fsys-tarfile \"$0\" | tar -xOf - ." + DOC + "copyright",
                PackagesIT.DEB.toString()).env("PATH", SBIN).ok().stdout();
        Path image = Path.of(System.getProperty("md.image", "target/image"));
        List<String> modules = Run.of(image.resolve("bin/java").toString(), "--list-modules").ok().stdout().lines()
                .toList();
        assertTrue(modules.size() > 10, modules.toString());
        for (String module : modules) {
            String[] nameVersion = module.split("@", 2);
            boolean jdk = nameVersion[0].startsWith("java.") || nameVersion[0].startsWith("jdk.");
            assertTrue(copyright.contains(jdk ? nameVersion[0] : "- " + nameVersion[0] + " " + nameVersion[1] + " ("),
                    module + " is named with its licence");
        }
        // DEP-5: every licence a Files paragraph names has its own License paragraph with the text or where it is
        Matcher files = Pattern.compile("^License: (.+)$", Pattern.MULTILINE).matcher(copyright);
        while (files.find()) {
            for (String name : files.group(1).replaceAll("[()]", "").split(" (and|or) ")) {
                assertTrue(Pattern.compile("(?m)^License: " + Pattern.quote(name) + "\n ").matcher(copyright).find(),
                        "a License paragraph for " + name);
            }
        }
        try (var legal = Files.newDirectoryStream(image.resolve("legal"), "*")) {
            for (Path module : legal) {
                try (var notices = Files.newDirectoryStream(module, "*.md")) {
                    for (Path md : notices) {
                        String heading = Files.readAllLines(md).get(0).strip();
                        assertTrue(copyright.contains(" " + heading + "\n"), md + ": " + heading);
                    }
                }
            }
        }
        assertFalse(copyright.contains("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION"),
                "the Apache License's full text is Debian's /usr/share/common-licenses/Apache-2.0, not copied");
    }

    @Test
    void theRpmCarriesTheSameDocumentsLicencesChangelogAndHints() throws Exception {
        assumeTrue(PackagesIT.onPath("rpm"), "no rpm on this machine");
        PackagesIT.ensureBuilt(PackagesIT.RPM, "rpm");
        String rpm = PackagesIT.RPM.toString();
        List<String> docs = Run.of("rpm", "-qp", "--docfiles", rpm).ok().stdout().lines().toList();
        assertTrue(docs.contains(DOC + "README.md") && docs.contains(DOC + "CHANGELOG.md"), docs.toString());
        String licences = Run.of("rpm", "-qp", "--licensefiles", rpm).ok().stdout();
        assertTrue(licences.contains("/copyright\n") && licences.contains("/LICENSE\n"), licences);
        String changelog = Run.of("rpm", "-qp", "--changelog", rpm).ok().stdout();
        assertTrue(changelog.contains("- " + Dist.VERSION + "-1\n"), changelog);
        String scripts = Run.of("rpm", "-qp", "--scripts", rpm).ok().stdout();
        assertTrue(scripts.contains(ENABLE) && scripts.contains(NEXT_STEPS), scripts);
        assertTrue(scripts.contains("/opt/memory-daemon/share/memory-daemon/schedule-users.sh removing"), scripts);
    }

    private static void assertHint(Run.Result r) {
        assertTrue(r.stdout().contains(NEXT_STEPS), r.both());
        assertTrue(r.stdout().contains(ENABLE), r.both());
    }

    private static Run.Result dpkg(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("dpkg"));
        cmd.addAll(List.of(args));
        return Run.of(cmd).env("PATH", SBIN).ok();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static String gunzip(Path file) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
