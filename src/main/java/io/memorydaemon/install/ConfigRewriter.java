// SPDX-License-Identifier: MIT
package io.memorydaemon.install;

import io.memorydaemon.config.ConfigException;
import io.memorydaemon.config.ConfigParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets a few keys of md.conf, keeping every other line (comments, unknown keys, blank lines) as it was. A key's
 * active line is rewritten in place; else the template's commented example ({@code #receiver …}) becomes the
 * active line; else the line is appended. md.conf is only ever replaced by text that parses, atomically.
 */
public final class ConfigRewriter {
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    // \r\n, \n and a lone \r (old Mac files) all end a line, as for the parser
    private static final Pattern LINE_END = Pattern.compile("\r\n|\r|\n");

    private ConfigRewriter() { }

    /**
     * Replaces {@code file} with {@code text} once the parser accepts it (else ConfigException, the file untouched):
     * a temporary file beside it, mode 600 set explicitly, written and synced, then renamed over it, so a crash
     * leaves the old file or the new one. Its mode and owner are kept; a link at md.conf is refused, not followed.
     */
    public static void write(Path file, String text, ConfigParser parser) throws ConfigException, IOException {
        parser.parse(file, text);
        PosixFileAttributes old = null;
        try {
            old = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            // a new md.conf
        }
        if (old != null && old.isSymbolicLink()) {
            throw new ConfigException(file + ": is a symbolic link, and md_wizard does not write through links; make it"
                    + " a plain file (cp --remove-destination \"$(readlink -f " + file + ")\" " + file + ") and run again");
        }
        if (old != null && !old.isRegularFile()) {
            throw new ConfigException(file + ": is not a regular file; move it away, then run 'md_wizard install'");
        }
        Path tmp = temp(file.toAbsolutePath().getParent(), text);
        try {
            if (old != null) {
                PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
                view.setPermissions(old.permissions());
                PosixFileAttributes now = view.readAttributes();
                if (!old.owner().equals(now.owner())) {
                    view.setOwner(old.owner());
                }
                if (!old.group().equals(now.group())) {
                    view.setGroup(old.group());
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory(file.toAbsolutePath().getParent());
    }

    /** A new file in {@code dir} holding {@code text}, mode 600 whatever the umask, synced to disk. */
    static Path temp(Path dir, String text) throws IOException {
        Path tmp = Files.createTempFile(dir, ".md.conf.", ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE));
        try {
            Files.setPosixFilePermissions(tmp, FILE_MODE);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
            return tmp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Makes the rename itself durable; best effort, as not every file system lets a directory be synced. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // the rename is done; only its durability across a crash is less certain
        }
    }

    /** The current value of each active {@code key value} line. */
    public static Map<String, String> values(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : LINE_END.split(text, -1)) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                String[] kv = s.split("\\s+", 2);
                values.putIfAbsent(kv[0], kv.length > 1 ? kv[1].strip() : "");
            }
        }
        return values;
    }

    /** The text with {@code updates} set; lines end as the file's first line does. */
    public static String set(String text, Map<String, String> updates) {
        Matcher end = LINE_END.matcher(text);
        String newline = end.find() ? end.group() : "\n";
        String body = text.endsWith("\n") || text.endsWith("\r")
                ? text.substring(0, text.length() - (text.endsWith("\r\n") ? 2 : 1)) : text;
        List<String> lines = new ArrayList<>(List.of(LINE_END.split(body, -1)));
        if (text.isEmpty()) {
            lines.clear();
        }
        for (Map.Entry<String, String> u : updates.entrySet()) {
            String line = u.getKey() + " " + u.getValue();
            Optional<Integer> at = find(lines, u.getKey(), false).or(() -> find(lines, u.getKey(), true));
            if (at.isPresent()) {
                lines.set(at.get(), line);
            } else {
                lines.add(line);
            }
        }
        return String.join(newline, lines) + newline;
    }

    private static Optional<Integer> find(List<String> lines, String key, boolean commented) {
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (commented) {
                if (!s.startsWith("#")) {
                    continue;
                }
                s = s.substring(1);
            }
            if (s.equals(key) || s.startsWith(key + " ") || s.startsWith(key + "\t")) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
