// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import io.memorydaemon.app.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** {@code mem_daemon} run in this JVM with HOME at a test's folder and nothing else set; its output kept. */
public final class InProcess {
    private final Path home;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    public InProcess(Path home) {
        this.home = home;
    }

    /** The exit code of {@code mem_daemon args}. */
    public int run(String... args) {
        Environment env = new Environment(Map.of("HOME", home.toString()), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return MemDaemon.run(env, args);
    }

    /** All it printed to stdout so far. */
    public String out() {
        return out.toString();
    }

    /** All it printed to stderr so far. */
    public String err() {
        return err.toString();
    }
}
