// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which cgroups under a user's service manager hold one piece of work: a unit the user started
 * ({@code systemd-run --user --scope …}, a user service, an app's scope) below {@code user@UID.service}. Not the
 * manager itself ({@code init.scope}), not memory-daemon's own watcher ({@code memory-daemon.service}), and never a
 * login session's scope ({@code session-N.scope} lies outside {@code user@UID.service}).
 */
public final class UserCgroups {
    private static final Pattern UNIT = Pattern.compile("^(.*/user@(\\d+)\\.service)((?:/[^/]+\\.slice)*)/([^/]+\\.(?:service|scope))(/.*)?$");

    private UserCgroups() { }

    /** The unit's own cgroup (the job's id; killing it kills what lies below it too), if the path is a work unit. */
    public static Optional<String> workUnit(String cgroup) {
        Matcher m = UNIT.matcher(cgroup);
        if (!m.matches()) {
            return Optional.empty();
        }
        String unit = m.group(4);
        if (unit.equals("init.scope") || unit.equals("memory-daemon.service")) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) + m.group(3) + "/" + unit);
    }

    /** The uid in {@code user@UID.service}, when the path lies under a user's service manager. */
    public static long owner(String cgroup) {
        Matcher m = UNIT.matcher(cgroup);
        return m.matches() ? Uids.parse(m.group(2)) : -1;
    }
}
