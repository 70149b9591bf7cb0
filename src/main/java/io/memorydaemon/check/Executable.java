// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

/**
 * A process's executable as the kernel links it ({@code /proc/<pid>/exe}): unlike its name or its arguments, its
 * owner cannot choose it, short of running that very program.
 *
 * @param path   the resolved path
 * @param system a file only root may change: owned by root, writable by no one else, under a system directory
 *               ({@code /usr}, {@code /bin}, {@code /sbin}, {@code /lib*}, {@code /opt}), not deleted
 */
public record Executable(String path, boolean system) {

    /** The file's name: {@code bash} for {@code /usr/bin/bash}. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
