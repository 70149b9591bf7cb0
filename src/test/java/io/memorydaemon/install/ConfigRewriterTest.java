// SPDX-License-Identifier: MIT
package io.memorydaemon.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memorydaemon.config.AppPaths;
import io.memorydaemon.config.ConfigException;
import io.memorydaemon.config.ConfigParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigRewriterTest {
    @TempDir
    Path dir;

    private ConfigParser parser() {
        return new ConfigParser(new AppPaths(dir), dir);
    }

    private Path conf(String text, String mode) throws IOException {
        Path file = Files.writeString(dir.resolve("md.conf"), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void writeReplacesTheFileByRenameKeepingItsMode() throws Exception {
        Path file = conf("threshold 80\n", "rw-r-----");
        Object inode = Files.readAttributes(file, "unix:ino").get("ino");

        ConfigRewriter.write(file, "# new\nthreshold 90\n", parser());

        assertEquals("# new\nthreshold 90\n", Files.readString(file));
        assertNotEquals(inode, Files.readAttributes(file, "unix:ino").get("ino"), "a new file renamed over the old");
        assertEquals("rw-r-----", mode(file), "its mode kept");
        assertEquals(List.of(), leftovers());
    }

    @Test
    void textThatDoesNotParseIsRefusedAndTheOldFileStaysByteForByte() throws Exception {
        Path file = conf("# mine\r\nthreshold 80\r\n", "rw-------");
        byte[] before = Files.readAllBytes(file);

        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigRewriter.write(file, "# mine\nthreshold 80\nreceiver bob at example.com\n", parser()));

        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(file + ":3: 'bob at example.com' is not an email"
                + " address;")), e.problems().toString());
        assertEquals(new String(before), new String(Files.readAllBytes(file)));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aNewFileAndEveryTemporaryFileAreMode600WhateverTheUmask() throws Exception {
        Path file = dir.resolve("md.conf");

        ConfigRewriter.write(file, "threshold 90\n", parser());
        Path tmp = ConfigRewriter.temp(dir, "threshold 90\n");

        assertEquals("rw-------", mode(file));
        assertEquals("rw-------", mode(tmp), "set explicitly, not left to the umask");
        assertEquals("threshold 90\n", Files.readString(tmp));
    }

    @Test
    void aLinkAtMdConfIsRefusedAndItsTargetUntouched() throws Exception {
        Path target = Files.writeString(dir.resolve("real.conf"), "threshold 80\n");
        Path file = Files.createSymbolicLink(dir.resolve("md.conf"), target);

        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigRewriter.write(file, "threshold 90\n", parser()));

        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).startsWith(file + ": is a symbolic link, and md_wizard does not write through"
                + " links;"), e.problems().get(0));
        assertEquals("threshold 80\n", Files.readString(target));
        assertTrue(Files.isSymbolicLink(file));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void theOwnerIsKeptWhenRootRewritesAUsersFile() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file away");
        Path file = conf("threshold 80\n", "rw-------");
        Files.setAttribute(file, "unix:uid", 4242);
        Files.setAttribute(file, "unix:gid", 4343);

        ConfigRewriter.write(file, "threshold 90\n", parser());

        assertEquals(4242, Files.getAttribute(file, "unix:uid"));
        assertEquals(4343, Files.getAttribute(file, "unix:gid"));
    }

    @Test
    void oldMacLineEndsAreKeptAndNoLineIsSwallowed() {
        assertEquals("threshold 90\rreceiver a@x.org\r", ConfigRewriter.set("threshold 80\rreceiver a@x.org\r",
                Map.of("threshold", "90")));
        assertEquals("# c\r\nthreshold 90\r\n", ConfigRewriter.set("# c\r\nthreshold 80\r\n", Map.of("threshold", "90")));
        assertEquals(Map.of("threshold", "80", "receiver", "a@x.org"),
                ConfigRewriter.values("threshold 80\rreceiver a@x.org\r"));
    }

    @Test
    void setsKeysInPlaceKeepingCommentsAndUnknownLines() {
        String before = """
                # my settings
                threshold 80
                custom_thing 42
                #receiver you@example.com
                # Percent of ... (a comment that mentions port)
                #port 587
                """;
        Map<String, String> set = new LinkedHashMap<>();
        set.put("threshold", "90");
        set.put("receiver", "me@example.org");
        set.put("port", "2525");
        set.put("smtp", "mail.example.org");
        assertEquals("""
                # my settings
                threshold 90
                custom_thing 42
                receiver me@example.org
                # Percent of ... (a comment that mentions port)
                port 2525
                smtp mail.example.org
                """, ConfigRewriter.set(before, set));
    }

    @Test
    void readsTheActiveValues() {
        assertEquals(Map.of("threshold", "80", "pass", "a b"), ConfigRewriter.values("#x 1\nthreshold 80\npass a b\n"));
    }
}
