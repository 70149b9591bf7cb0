// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import io.memorydaemon.check.Executable;
import io.memorydaemon.check.ProcessInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a choice asks of a few processes only, a file read each: the executable ({@code /proc/<pid>/exe}, readable
 * for one's own processes, and for everyone's with CAP_SYS_PTRACE), PSS ({@code smaps_rollup}, likewise) and the
 * resident file-backed pages ({@code status}, readable for all); and whether /proc hides other users' processes
 * ({@code hidepid}). Each answer about a process is checked against its start time afterwards, so a pid reused
 * meanwhile answers nothing.
 */
final class ProcFacts {
    /** Where only root can put a file: an executable there that root owns and no one else may write is the system's. */
    private static final List<String> SYSTEM_DIRS = List.of("/usr/", "/bin/", "/sbin/", "/lib/", "/lib64/",
            "/lib32/", "/libx32/", "/opt/");
    private static final String DELETED = " (deleted)";

    private final Path proc;

    ProcFacts(Path proc) {
        this.proc = proc;
    }

    Optional<Executable> executable(ProcessInfo p) {
        Optional<Executable> exe = exe(proc.resolve(Long.toString(p.pid())).resolve("exe"));
        return sameProcess(p) ? exe : Optional.empty();
    }

    Optional<Executable> ownExecutable() {
        return exe(proc.resolve(Long.toString(ProcessHandle.current().pid())).resolve("exe"));
    }

    private static Optional<Executable> exe(Path link) {
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty(); // another user's without CAP_SYS_PTRACE, undumpable, a kernel thread, gone
        }
        return Optional.of(new Executable(target, !target.endsWith(DELETED) && systemFile(target)));
    }

    private static boolean systemFile(String path) {
        if (SYSTEM_DIRS.stream().noneMatch(path::startsWith)) {
            return false;
        }
        try {
            Map<String, Object> a = Files.readAttributes(Path.of(path), "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
            return (Integer) a.get("uid") == 0 && ((Integer) a.get("mode") & 0022) == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** {@code Pss:} of {@code smaps_rollup} (Linux 4.14+), where this user may read it. */
    OptionalLong pssBytes(ProcessInfo p) {
        return kibLine(p, "smaps_rollup", "Pss:");
    }

    /** {@code RssFile:} of {@code status}: resident file-backed pages; readable for all. */
    OptionalLong fileBytes(ProcessInfo p) {
        return kibLine(p, "status", "RssFile:");
    }

    /** The bytes of the line {@code key   N kB} of the process's {@code file}; empty if unreadable, gone or reused. */
    private OptionalLong kibLine(ProcessInfo p, String file, String key) {
        try {
            for (String line : Files.readAllLines(proc.resolve(Long.toString(p.pid())).resolve(file),
                    StandardCharsets.UTF_8)) {
                if (line.startsWith(key)) {
                    String kib = line.substring(key.length()).strip().split("\\s+")[0];
                    return sameProcess(p) ? OptionalLong.of(Long.parseLong(kib) * 1024) : OptionalLong.empty();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not readable (another user's smaps_rollup, a hidden process), or gone
        }
        return OptionalLong.empty();
    }

    private boolean sameProcess(ProcessInfo p) {
        return ProcStat.read(proc, p.pid()).map(s -> s.startTimeTicks() == p.startTimeTicks()).orElse(false);
    }

    /**
     * Whether /proc is mounted with {@code hidepid} (1/noaccess, 2/invisible, 4/ptraceable) and this user is neither
     * root nor in the group its {@code gid=} option lets see everything.
     */
    boolean othersHidden(long uid) {
        if (uid == 0) {
            return false;
        }
        boolean hidden = false;
        try {
            String mountPoint = proc.toAbsolutePath().toString();
            // the last mount on the path is the one in force (a private /proc mounted over the host's)
            for (String line : Files.readAllLines(proc.resolve("self").resolve("mountinfo"), StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                int dash = line.indexOf(" - ");
                if (f.length > 5 && f[4].equals(mountPoint) && dash > 0) {
                    String options = f[5] + "," + line.substring(dash + 3);
                    hidden = hides(options) && !inGroup(option(options, "gid="));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no mountinfo: nothing known to be hidden
        }
        return hidden;
    }

    private static boolean hides(String options) {
        String v = option(options, "hidepid=");
        return !v.isEmpty() && !v.equals("0") && !v.equals("off");
    }

    /** The value of a mount option ({@code hidepid=invisible} → {@code invisible}); empty when absent. */
    private static String option(String options, String name) {
        for (String o : options.replace(' ', ',').split(",")) {
            if (o.startsWith(name)) {
                return o.substring(name.length());
            }
        }
        return "";
    }

    private boolean inGroup(String gid) {
        if (gid.isEmpty()) {
            return false;
        }
        try {
            for (String line : Files.readAllLines(proc.resolve("self").resolve("status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Groups:")) {
                    return List.of(line.substring(7).strip().split("\\s+")).contains(gid);
                }
            }
        } catch (IOException e) {
            // unknown: not in it
        }
        return false;
    }
}
