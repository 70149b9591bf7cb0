// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * md.conf's bytes, bounded: cron's check and a running watch read it, so a huge or endless file (a log saved
 * over it, /dev/zero) must cost one line of error, never the memory it would take to read it whole.
 */
final class ConfigFile {
    static final int MAX_BYTES = 64 * 1024;

    private ConfigFile() { }

    static byte[] read(Path file) throws ConfigException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (a.isDirectory()) {
                throw new ConfigException(file + ": is a directory; md.conf must be a file, or pass one with --config");
            }
            if (a.size() > MAX_BYTES) {
                throw tooLarge(file, Long.toString(a.size()));
            }
            try (InputStream in = Files.newInputStream(file)) {
                // one byte more than allowed: a file that grew since the stat (or a device) is still caught
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw tooLarge(file, "more than " + MAX_BYTES);
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": not found; run 'md_wizard install' to create it");
        } catch (AccessDeniedException e) {
            throw new ConfigException(file + ": permission denied; make it readable by you ('chmod 600 " + file
                    + "' as its owner)");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + "); check the file and its"
                    + " permissions");
        }
    }

    static ConfigException tooLarge(Path file, String bytes) {
        return new ConfigException(file + ": is " + bytes + " bytes, larger than 64 KiB; md.conf holds a few short"
                + " lines — is this the right file?");
    }
}
