// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files md.conf names are checked when they are used, and for a person by {@link SettingChecks}, each problem
 * with md.conf's line; none of them stops md.conf from being read.
 */
class FileChecksTest {
    private static final String MAIL = "threshold 90\nreceiver a@x.org\nsender s@x.org\nsmtp m.x.org\nport 587\n";

    @TempDir
    Path dir;

    private List<String> problems(String text, long uid) throws Exception {
        return SettingChecks.problems(parse(text), uid);
    }

    /** Read as a run reads it: a report setting's problem never refuses the file. */
    private Config parse(String text) throws Exception {
        Path file = Files.writeString(dir.resolve("md.conf"), text);
        return new ConfigParser(new AppPaths(dir), dir.resolve("home")).parse(file);
    }

    @Test
    void aMissingPassFileIsNamedWithItsLine() throws Exception {
        assertEquals(List.of(dir.resolve("md.conf") + ":6: pass_file " + dir.resolve("smtp.pass") + " does not exist;"
                + " create it with the password on its first line (chmod 600), or fix the path"),
                problems(MAIL + "pass_file smtp.pass\n", 1000));
    }

    @Test
    void aPassFileThatIsADirectoryIsNamed() throws Exception {
        Files.createDirectory(dir.resolve("secrets"));

        List<String> problems = problems(MAIL + "pass_file secrets\n", 1000);

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith(dir.resolve("md.conf") + ":6: pass_file " + dir.resolve("secrets")
                + " is a directory;"), problems.get(0));
    }

    @Test
    void aLogFileInAMissingDirectoryIsNamed() throws Exception {
        Path log = dir.resolve("nowhere/md.log");

        assertEquals(List.of(dir.resolve("md.conf") + ":2: log_file " + log + ": its directory " + log.getParent()
                + " does not exist; create it (mkdir -p " + log.getParent() + ") or name another log file"),
                problems("threshold 90\nlog_file " + log + "\n", 1000));
    }

    @Test
    void aLogFileThatIsALinkOrNotAFileIsRefused() throws Exception {
        Path target = Files.writeString(dir.resolve("elsewhere.log"), "");
        Files.createSymbolicLink(dir.resolve("link.log"), target);
        Files.createDirectory(dir.resolve("logdir"));

        List<String> problems = problems("threshold 90\nlog_file link.log\n", 1000);
        assertEquals(List.of(dir.resolve("md.conf") + ":2: log_file " + dir.resolve("link.log") + " is a symbolic link;"
                + " name the file it points to (the log is not written through links)"), problems);
        List<String> notAFile = problems("threshold 90\n\nlog_file logdir\n", 1000);
        assertEquals(1, notAFile.size());
        assertTrue(notAFile.get(0).startsWith(dir.resolve("md.conf") + ":3: log_file " + dir.resolve("logdir")
                + " exists and is not a regular file;"), notAFile.get(0));
    }

    @Test
    void asRootALogFileWhereOthersCanWriteIsRefused() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setAttribute(shared, "unix:mode", 01777);
        String text = "threshold 90\nlog_file " + shared.resolve("md.log") + "\n";

        List<String> problems = problems(text, 0);

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith(dir.resolve("md.conf") + ":2: log_file " + shared.resolve("md.log")
                + " is in " + shared + ", which other users can write, and this runs as root;"), problems.get(0));
        assertEquals(List.of(), problems(text, 1000), "an ordinary user may log there");
        Files.createDirectory(dir.resolve("own"));
        assertEquals(List.of(), problems("threshold 90\nlog_file own/md.log\n", 0));
    }

    @Test
    void aMetricsFileIsAPromFileInAnExistingDirectory() throws Exception {
        Path textfiles = Files.createDirectory(dir.resolve("textfile"));
        long me = FileChecks.realUid();

        assertEquals(java.util.Optional.of(textfiles.resolve("md.prom")),
                parse("threshold 90\nmetrics_file textfile/md.prom\n").metricsFile());
        assertEquals(java.util.Optional.empty(), parse("threshold 90\n").metricsFile());
        assertEquals(java.util.Optional.empty(), parse("threshold 90\nmetrics_file textfile/md.txt\n").metricsFile(),
                "a metrics file md.conf gets wrong is off; the run goes on");
        assertEquals(List.of(dir.resolve("md.conf") + ":2: metrics_file " + textfiles.resolve("md.txt") + " does not"
                + " end in .prom, the only files node_exporter's textfile collector reads; write e.g. 'metrics_file"
                + " /var/lib/prometheus/node-exporter/memory_daemon_alice.prom'"),
                problems("threshold 90\nmetrics_file textfile/md.txt\n", me));
        assertEquals(List.of(dir.resolve("md.conf") + ":3: metrics_file " + dir.resolve("nowhere/md.prom") + ": its"
                + " directory " + dir.resolve("nowhere") + " does not exist; create it (mkdir -p " + dir.resolve("nowhere")
                + ") or name another file"),
                problems("threshold 90\n\nmetrics_file nowhere/md.prom\n", me));
    }

    @Test
    void aMetricsFileThatIsALinkOrAnotherUsersIsRefusedWithItsLine() throws Exception {
        Path textfiles = Files.createDirectory(dir.resolve("textfile"));
        Files.createSymbolicLink(textfiles.resolve("link.prom"), Files.createFile(textfiles.resolve("real.prom")));
        long me = FileChecks.realUid();

        assertEquals(List.of(dir.resolve("md.conf") + ":2: metrics_file " + textfiles.resolve("link.prom") + " is a"
                + " symbolic link; name the file it points to (the metrics are not written through links)"),
                problems("threshold 90\nmetrics_file textfile/link.prom\n", me));
        List<String> theirs = problems("threshold 90\nmetrics_file textfile/real.prom\n", me + 1);
        assertEquals(1, theirs.size());
        assertTrue(theirs.get(0).startsWith(dir.resolve("md.conf") + ":2: metrics_file " + textfiles.resolve("real.prom")
                + " belongs to another user (uid " + me + ");"), theirs.get(0));
    }
}
