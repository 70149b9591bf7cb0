// SPDX-License-Identifier: MIT
package io.memorydaemon.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memorydaemon.testing.HostLock;
import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.Run;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Ansible role packaging/ansible/roles/memory_daemon applied by Debian's ansible-playbook to this machine
 * ({@code -i localhost, -c local}) with the .deb the build made: installed, md.conf written as the variables say
 * and checked by the tool, a second run changes nothing, the system watcher as its service user writes its metrics
 * where the role let it, and a bad value fails the play and leaves md.conf alone. ansible-lint passes on the role.
 * The machine is restored after (dpkg --purge, the service user, the unit's drop-in).
 */
class AnsibleRoleIT {
    private static final String SBIN = "/usr/sbin:/usr/bin:/sbin:/bin";
    private static final Path ROLE = Dist.PROJECT.resolve("packaging/ansible/roles/memory_daemon");
    private static final Path CONF = Path.of("/etc/memory-daemon/md.conf");
    private static final Path DROP_IN = Path.of("/etc/systemd/system/memory-daemon.service.d");
    private static final Pattern RECAP = Pattern.compile("localhost\\s*: ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=0"
            + "\\s+failed=(\\d+)");

    private Path dir;
    private Path textfiles;
    private PackageScratch scratch;
    private boolean dropInExisted;

    @BeforeEach
    void setUp() throws Exception {
        scratch = PackageScratch.open("md-ansible");
        dir = scratch.dir();
        textfiles = dir.resolve("textfile");
        dropInExisted = Files.exists(DROP_IN, LinkOption.NOFOLLOW_LINKS);
    }

    @AfterEach
    void restore() throws Exception {
        try {
            if (!dropInExisted) {
                Dist.deleteTree(DROP_IN);
            }
        } finally {
            scratch.close();
        }
    }

    @Test
    void roleInstallsTheDebWritesACheckedMdConfAndASecondRunChangesNothing() throws Exception {
        Root.assume("install the .deb with dpkg through ansible-playbook");
        assumeTrue(PackagesIT.onPath("ansible-playbook"), "no ansible-playbook here; install Debian's ansible-core"
                + " (apt-get install ansible-core, as .ci/run does)");
        assumeTrue(PackagesIT.onPath("dpkg"), "no dpkg on this machine: the .deb cannot be installed here");
        PackagesIT.ensureBuilt(PackagesIT.DEB, "deb");
        long asked = System.nanoTime();
        try (HostLock lock = HostLock.take()) {
            System.out.printf("AnsibleRoleIT: host lock after %.1f s%n", (System.nanoTime() - asked) / 1e9);
            assertEquals("", PackagesIT.debState(), "memory-daemon must not be installed before the test");
            Run.Result first = play("threshold: 98.5", "grace: 3", "avoid: \".\"", "kill_as_root: false");
            assertRecap(first, true);
            assertEquals("ii", PackagesIT.debState());
            String conf = Files.readString(CONF);
            assertTrue(conf.endsWith("avoid .\ngrace 3\nkill_as_root no\nmetrics_file " + textfiles
                    + "/memory_daemon_system.prom\nthreshold 98.5\n"), conf);
            assertEquals("root:memory-daemon 640", stat(CONF));
            assertEquals("root:memory-daemon 775", stat(textfiles));
            assertEquals("[Service]\nReadWritePaths=" + textfiles, Files.readString(DROP_IN.resolve("metrics.conf"))
                    .lines().filter(l -> !l.startsWith("#")).reduce((a, b) -> a + "\n" + b).orElse(""));
            if (!Files.isDirectory(Path.of("/run/systemd/system"))) {
                assertTrue(first.stdout().contains("memory-daemon.service was neither enabled nor started"),
                        first.stdout());
            }

            assertRecap(play("threshold: 98.5", "grace: 3", "avoid: \".\"", "kill_as_root: false"), false);

            watcherWritesItsMetrics();

            // the role's validate command, with the service's metrics file now in place (root checks it for the
            // service user who owns it), accepts the file; then a bad value fails the play and changes nothing
            Run.Result valid = Run.of("/usr/bin/mem_daemon", "watch", "--system", "--check-config", "--config",
                    CONF.toString()).env("PATH", SBIN).go();
            assertEquals(0, valid.exitCode(), valid.both());
            assertEquals(CONF + ": valid\n", valid.stdout());
            String before = Files.readString(CONF);
            Run.Result bad = play("threshold: 150", "avoid: \".\"");
            assertNotEquals(0, bad.exitCode(), bad.both());
            assertTrue(bad.stdout().contains("failed to validate"), bad.stdout());
            assertTrue(bad.stdout().contains("threshold"), bad.stdout());
            assertEquals(before, Files.readString(CONF), "a file that does not parse never replaces md.conf");
        }
    }

    /** The default package is the release of the role's version, named as jreleaser.yml publishes it. */
    @Test
    void theDefaultPackageIsTheReleaseOfTheProjectsVersion() throws Exception {
        assumeTrue(PackagesIT.onPath("ansible-playbook"), "no ansible-playbook here; install Debian's ansible-core"
                + " (apt-get install ansible-core, as .ci/run does)");
        String jreleaser = Files.readString(Dist.PROJECT.resolve("jreleaser.yml"));
        assertTrue(jreleaser.contains("    owner: memory-daemon\n    name: memory-daemon\n"
                + "    tagName: 'v{{projectVersion}}'"), "the release of jreleaser.yml");
        String url = "https://github.com/memory-daemon/memory-daemon/releases/download/v" + Dist.VERSION + "/";
        for (String[] family : new String[][] {{"Debian", "memory-daemon_{{projectVersion}}-1_amd64.deb"},
                {"RedHat", "memory-daemon-{{projectVersion}}-1.x86_64.rpm"}}) {
            assertTrue(jreleaser.contains("target/packages/" + family[1]), family[1]);
            Path playbook = Files.writeString(dir.resolve("package.yml"), "- name: Show the default package\n"
                    + "  hosts: all\n  gather_facts: false\n  vars_files:\n"
                    + "    - " + ROLE.resolve("defaults/main.yml") + "\n    - " + ROLE.resolve("vars/main.yml") + "\n"
                    + "  tasks:\n    - name: Show it\n      ansible.builtin.debug:\n"
                    + "        msg: \"package={{ memory_daemon_package }}\"\n");
            Run.Result r = Run.of("ansible-playbook", "-i", "localhost,", "-c", "local", "-e",
                    "ansible_os_family=" + family[0], playbook.toString()).env(ansibleEnv()).go();
            assertEquals(0, r.exitCode(), r.both());
            assertTrue(r.stdout().contains("\"msg\": \"package=" + url + family[1].replace("{{projectVersion}}",
                    Dist.VERSION) + "\""), r.stdout());
        }
    }

    @Test
    void ansibleLintHasNothingToSay() throws Exception {
        assumeTrue(PackagesIT.onPath("ansible-lint"), "no ansible-lint here; install Debian's ansible-lint"
                + " (apt-get install ansible-lint, as .ci/run does)");
        Run.Result lint = Run.of("ansible-lint", "--offline", "--nocolor", ROLE.toString()).env(ansibleEnv()).go();
        assertEquals(0, lint.exitCode(), lint.both());
        assertTrue(lint.both().contains(" 0 failure(s), 0 warning(s)"), lint.both());
    }

    /** {@code mem_daemon watch --system} as the unit runs it (user memory-daemon) writes the role's metrics file. */
    private void watcherWritesItsMetrics() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Run.of("chown", "memory-daemon:memory-daemon", state.toString()).env("PATH", SBIN).ok();
        Path prom = textfiles.resolve("memory_daemon_system.prom");
        Process watcher = new ProcessBuilder("setpriv", "--reuid=memory-daemon", "--regid=memory-daemon",
                "--init-groups", "--no-new-privs", "--", "env", "-i", "PATH=/usr/bin:/bin", "STATE_DIRECTORY=" + state,
                "/usr/bin/mem_daemon", "watch", "--system").redirectErrorStream(true)
                .redirectOutput(dir.resolve("journal.txt").toFile()).start();
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(prom) && System.nanoTime() < until && watcher.isAlive()) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(prom), Files.readString(dir.resolve("journal.txt")));
        } finally {
            watcher.destroy();
            watcher.waitFor(30, TimeUnit.SECONDS);
            watcher.destroyForcibly();
        }
        assertEquals("memory-daemon:memory-daemon 644", stat(prom));
        assertTrue(Files.readString(prom).contains("memory_daemon_threshold_ratio{user=\"memory-daemon\"} 0.985\n"),
                Files.readString(prom));
    }

    /**
     * The role in a playbook with the test's variables, {@code config} the lines of memory_daemon_config; HOME and
     * Ansible's temp files in the test's folder.
     */
    private Run.Result play(String... config) throws Exception {
        Path playbook = dir.resolve("site.yml");
        Files.writeString(playbook, "- name: Apply memory_daemon\n  hosts: all\n  roles:\n    - role: memory_daemon\n"
                + "  vars:\n"
                + "    memory_daemon_package: " + PackagesIT.DEB + "\n"
                + "    memory_daemon_package_dir: " + dir.resolve("cache") + "\n"
                + "    memory_daemon_metrics_dir: " + textfiles + "\n"
                + "    memory_daemon_config:\n      " + String.join("\n      ", config) + "\n");
        long started = System.nanoTime();
        Run.Result r = Run.of("ansible-playbook", "-i", "localhost,", "-c", "local", playbook.toString())
                .env(ansibleEnv()).env("ANSIBLE_ROLES_PATH", ROLE.getParent().toString()).go();
        System.out.printf("AnsibleRoleIT: ansible-playbook (%s) %.1f s%n", config[0],
                (System.nanoTime() - started) / 1e9);
        return r;
    }

    private Map<String, String> ansibleEnv() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        return Map.of("PATH", SBIN, "HOME", home.toString(), "ANSIBLE_NOCOLOR", "1",
                "ANSIBLE_LOCAL_TEMP", home.resolve("tmp").toString(), "ANSIBLE_PYTHON_INTERPRETER", "/usr/bin/python3");
    }

    private static void assertRecap(Run.Result r, boolean changes) {
        assertEquals(0, r.exitCode(), r.both());
        Matcher m = RECAP.matcher(r.stdout());
        assertTrue(m.find(), r.stdout());
        assertEquals("0", m.group(3), r.stdout());
        if (changes) {
            assertNotEquals("0", m.group(2), r.stdout());
        } else {
            assertEquals("0", m.group(2), "a second run changes nothing:\n" + r.stdout());
        }
    }

    private static String stat(Path p) throws Exception {
        return Run.of("stat", "-c", "%U:%G %a", p.toString()).env("PATH", SBIN).ok().stdout().strip();
    }
}
