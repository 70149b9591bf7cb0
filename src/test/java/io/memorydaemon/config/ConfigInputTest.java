// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** md.conf that is not a few short lines of text: each case costs one readable line per problem, never memory. */
class ConfigInputTest {
    private static final String TOO_LARGE = " bytes, larger than 64 KiB; md.conf holds a few short lines — is this"
            + " the right file?";

    @TempDir
    Path dir;

    private ConfigParser parser() {
        return new ConfigParser(new AppPaths(dir), dir.resolve("home"));
    }

    private Path file() {
        return dir.resolve("md.conf");
    }

    private List<String> problems(byte[] bytes) throws IOException {
        Files.write(file(), bytes);
        return assertThrows(ConfigException.class, () -> parser().strict().parse(file())).problems();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aByteOrderMarkAtTheStartIsAccepted() throws Exception {
        Files.write(file(), bytes("\u00EF\u00BB\u00BFthreshold 80\r\n"));

        assertEquals(80, parser().parse(file()).thresholdPercent());
        assertEquals("threshold 80\r\n", parser().text(file()));
    }

    @Test
    void aNulByteIsNamedWithItsLineAndColumn() throws IOException {
        assertEquals(List.of(file() + ":3: holds a NUL byte at column 6; md.conf is plain text: delete it in a text"
                + " editor, or check this is the right file"), problems(bytes("threshold 90\n# ok\nrecei\0ver x@y.org\n")));
    }

    @Test
    void otherControlCharactersAndInvalidUtf8AreNamedWithTheirLine() throws IOException {
        List<String> problems = problems(bytes("threshold 9\u001b[0m0\n# caf\u00e9 in Latin-1\nthreshold 90\n"));

        assertEquals(List.of(
                file() + ":1: holds the control character U+001B at column 12; md.conf is plain text: delete it in a"
                        + " text editor, or check this is the right file",
                file() + ":2: is not UTF-8 text (byte 0xE9 at column 6); md.conf is plain text: save it as UTF-8, or"
                        + " check this is the right file"), problems);
        assertThrows(ConfigException.class, () -> parser().text(file()), "a rewrite refuses it too");
    }

    @Test
    void oldMacLineEndingsKeepTheLineNumbersRight() throws Exception {
        assertEquals(85, parse("# mine\rthreshold 85\r\rgrace 3\r").thresholdPercent());

        List<String> problems = problems(bytes("# mine\rthreshold 85\rcolour blue\r"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(file() + ":3: unknown key 'colour'"), problems.get(0));
    }

    private Config parse(String text) throws Exception {
        Files.writeString(file(), text);
        return parser().parse(file());
    }

    @Test
    void aFortyMegabyteFileIsOneLineAndIsNotRead() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
            f.setLength(40L * 1024 * 1024);
        }

        ConfigException e = assertThrows(ConfigException.class, () -> parser().strict().parse(file()));

        assertEquals(List.of(file() + ": is 41943040" + TOO_LARGE), e.problems());
    }

    /** Read whole, /dev/zero would never end: the bound holds even when the size a stat gives is wrong. */
    @Test
    void aFileThatNeverEndsIsReadOnlyUpToTheBound() {
        Path endless = Path.of("/dev/zero");

        ConfigException e = assertThrows(ConfigException.class, () -> parser().strict().parse(endless));

        assertEquals(List.of(endless + ": is more than 65536" + TOO_LARGE), e.problems());
    }

    @Test
    void aMegabyteOfGarbageIsOneLine() throws IOException {
        assertEquals(List.of(file() + ": is 1048576" + TOO_LARGE), problems(garbage(1024 * 1024)));
    }

    @Test
    void garbageUnderTheBoundGivesTwentyProblemsAndHowManyMore() throws IOException {
        List<String> problems = problems(garbage(60 * 1024));

        assertEquals(21, problems.size());
        List<Integer> lines = problems.subList(0, 20).stream().map(p -> {
            assertTrue(p.startsWith(file() + ":"), p);
            return Integer.parseInt(p.substring(file().toString().length() + 1, p.indexOf(':', file().toString().length() + 1)));
        }).toList();
        assertEquals(lines.stream().sorted().toList(), lines, "in file order");
        assertTrue(problems.get(20).matches("… and [0-9]+ more"), problems.get(20));
    }

    @Test
    void candidateTextOverTheBoundIsRefusedLikeAFile() {
        String text = "threshold 90\n" + "# comment\n".repeat(7000);

        ConfigException e = assertThrows(ConfigException.class, () -> parser().strict().parse(file(), text));

        assertEquals(List.of(file() + ": is " + text.length() + TOO_LARGE), e.problems());
    }

    private static byte[] garbage(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
