// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import io.memorydaemon.system.OwnedFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The log a crontab line appends to ({@code >> tmp.log 2>&1}). cron's shell opens it before memory-daemon runs:
 * it would create a missing log under the user's umask (0644, readable by all) and follow a link planted there.
 * So the wizard creates it first, 0600, through the tool's own file rules, and the shell only ever appends. Not in
 * another user's directory (root editing a user's crontab): a log root created there would lock the user out of it.
 */
public final class CronLog {
    private CronLog() { }

    public static void prepare(Path log) throws IOException {
        Path dir = log.toAbsolutePath().getParent();
        if (dir == null || !OwnedFiles.mayCreateIn(dir)) {
            return;
        }
        OwnedFiles.createDirectories(dir);
        OwnedFiles.append(log).close();
    }
}
