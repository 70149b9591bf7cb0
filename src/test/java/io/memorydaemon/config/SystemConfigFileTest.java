// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The system watcher's md.conf decides whose work dies: root's alone, written by no one else. */
class SystemConfigFileTest {
    @TempDir
    Path dir;

    private Path write(String mode) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        Path file = dir.resolve("md.conf");
        Files.writeString(file, "threshold 90\nreceiver a@example.org\nsender b@example.org\nsmtp smtp.example.org\n"
                + "port 465\npass s3cret\nmin_uid 1000\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private static String problem(Path file) {
        return assertThrows(ConfigException.class, () -> SystemConfigFile.check(file)).problems().get(0);
    }

    @Test
    void aFileNotOwnedByRootIsRefusedWithTheFix() throws Exception {
        Path file = write("rw-r-----");
        if (Root.is()) {
            Shell.run("chown", "nobody", file.toString());
        }
        String p = problem(file);
        assertTrue(p.contains("is owned by uid") && p.contains("not root"), p);
        assertTrue(p.endsWith("chown root:memory-daemon " + file + " && chmod 640 " + file), p);
    }

    @Test
    void rootsFileGroupReadableIsAcceptedAndItsPasswordNotWarnedAbout() throws Exception {
        Root.assume("own a file as root");
        Path file = write("rw-r-----");
        Shell.run("chgrp", "nogroup", file.toString());
        SystemConfigFile.check(file);
        Config c = ConfigParser.forSystem(new AppPaths(dir, dir), dir).parse(file);
        assertEquals(Optional.of(1000L), c.minUid());
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    @Test
    void writableByOthersOrAGroupNotRootsOrALinkIsRefused() throws Exception {
        Root.assume("own a file as root");
        Path file = write("rw-r---w-");
        assertTrue(problem(file).contains("can be written by users other than root (mode 642)"), problem(file));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        SystemConfigFile.check(file); // group root
        Shell.run("chgrp", "nogroup", file.toString());
        assertTrue(problem(file).contains("(mode 660)"), problem(file));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Path link = Files.createSymbolicLink(dir.resolve("link.conf"), file);
        assertTrue(problem(link).contains("is a symbolic link"), problem(link));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertTrue(problem(file).contains("its directory " + dir + " can be written"), problem(file));
    }
}
