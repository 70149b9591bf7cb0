// SPDX-License-Identifier: MIT
package io.memorydaemon.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditorTest {

    @Test
    void visualThenEditorThenNanoThenVi(@TempDir Path bin) throws Exception {
        String path = bin.toString();
        assertEquals(Optional.empty(), new Editor(Map.of("PATH", path)).command());
        executable(bin.resolve("vi"));
        assertEquals(Optional.of("vi"), new Editor(Map.of("PATH", path)).command());
        executable(bin.resolve("nano"));
        assertEquals(Optional.of("nano"), new Editor(Map.of("PATH", path)).command());
        assertEquals(Optional.of("emacs -nw"), new Editor(Map.of("PATH", path, "EDITOR", "emacs -nw")).command());
        assertEquals(Optional.of("code --wait"),
                new Editor(Map.of("PATH", path, "EDITOR", "emacs", "VISUAL", "code --wait")).command());
        assertEquals(Optional.of("nano"), new Editor(Map.of("PATH", path, "EDITOR", " ")).command());
    }

    @Test
    void theEditorCommandMayCarryArgumentsAndGetsTheFileAsOneWord(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("md conf");
        Files.writeString(file, "");
        int rc = new Editor(Map.of("PATH", "/usr/bin:/bin")).edit("sh -c 'printf %s \"$1\" > \"$1\"' x", file);
        assertEquals(0, rc);
        assertEquals(file.toString(), Files.readString(file));
    }

    private static void executable(Path p) throws Exception {
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
