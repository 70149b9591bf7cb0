// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reading half of the parser: md.conf's bytes as numbered {@code key value} entries. Text problems (not
 * UTF-8, control characters) are named with their line; the values themselves are checked by {@link Fields}.
 */
final class ConfigLines {
    /** One {@code key value} line of the file, with its 1-based line number. */
    record Entry(int line, String key, String value) { }

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    final Map<String, Entry> entries = new LinkedHashMap<>();
    /** Keys written without a value: already reported, so not reported again as missing. */
    final Set<String> bare = new HashSet<>();
    /** Lines that are not plain UTF-8 text: also among the problems, but a rewrite must refuse these alone. */
    final List<String> textProblems = new ArrayList<>();

    private final Path file;
    private final List<Problem> problems;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    private ConfigLines(Path file, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** Adds each problem found to {@code problems}; a line with a text problem is not read further. */
    static ConfigLines read(Path file, byte[] bytes, List<Problem> problems) {
        ConfigLines lines = new ConfigLines(file, problems);
        lines.split(bytes);
        return lines;
    }

    /** Where the text starts: after a UTF-8 byte order mark, which some Windows editors write. */
    static int textStart(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2] ? 3 : 0;
    }

    // \r\n, \n and a lone \r (old Mac files) all end a line, so line numbers stay right in every case
    private void split(byte[] bytes) {
        int start = textStart(bytes);
        int number = 1;
        for (int i = start; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n' || bytes[i] == '\r') {
                String line = decode(number, bytes, start, i);
                if (line != null) {
                    entry(number, line);
                }
                if (i + 1 < bytes.length && bytes[i] == '\r' && bytes[i + 1] == '\n') {
                    i++;
                }
                start = i + 1;
                number++;
            }
        }
    }

    /** The line's text, or null (and a problem) when it is not plain UTF-8 text. */
    private String decode(int number, byte[] bytes, int from, int to) {
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(to - from);
        CoderResult result = utf8.reset().decode(in, out, true);
        if (result.isError()) {
            textProblem(number, "is not UTF-8 text (byte 0x" + String.format("%02X", bytes[in.position()] & 0xFF)
                    + " at column " + (in.position() - from + 1) + "); md.conf is plain text: save it as UTF-8, or"
                    + " check this is the right file");
            return null;
        }
        utf8.flush(out);
        String line = out.flip().toString();
        for (int c = 0; c < line.length(); c++) {
            char ch = line.charAt(c);
            if (ch != '\t' && Character.isISOControl(ch)) {
                textProblem(number, "holds " + (ch == 0 ? "a NUL byte" : String.format("the control character U+%04X",
                        (int) ch)) + " at column " + (c + 1) + "; md.conf is plain text: delete it in a text editor,"
                        + " or check this is the right file");
                return null;
            }
        }
        return line;
    }

    private void textProblem(int number, String what) {
        textProblems.add(file + ":" + number + ": " + what);
        problems.add(Problem.ofFile(file + ":" + number + ": " + what));
    }

    private void entry(int number, String text) {
        String line = text.strip();
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        String[] kv = line.split("\\s+", 2);
        String key = kv[0];
        String where = file + ":" + number + ": ";
        if (!ConfigParser.KNOWN_KEYS.contains(key)) {
            problems.add(Problem.of(key, where + "unknown key '" + Keys.shown(key) + "'; use one of "
                    + String.join(", ", ConfigParser.KNOWN_KEYS) + " (or start the line with # to make it a comment)"));
            return;
        }
        if (kv.length < 2 || kv[1].isBlank()) {
            bare.add(key);
            problems.add(Problem.of(key, where + "'" + key + "' has no value; write '" + key + " "
                    + Keys.example(key) + "' or delete the line"));
            return;
        }
        Entry previous = entries.get(key);
        if (previous != null) {
            problems.add(Problem.of(key, where + "'" + key + "' is already set on line " + previous.line()
                    + "; keep only one of the two lines"));
            return;
        }
        entries.put(key, new Entry(number, key, kv[1].strip()));
    }
}
