// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.util.List;
import java.util.Optional;

/**
 * One thing wrong in md.conf, as a user reads it ({@code md.conf:4: what is wrong; how to fix it}), with the key it
 * is about. Only a problem with a key the decision needs (or a file that cannot be read as md.conf at all) stops a
 * run; any other costs only its own feature ({@link #stopsTheRun}).
 *
 * @param key the key it is about; empty for the file as a whole (not text, a binary line, too large)
 */
record Problem(Optional<String> key, String text) {

    /**
     * What the decision reads: a problem here stops every run (exit 2), as a kill must never follow a rule md.conf
     * did not mean. Everything else (mail, metrics, the log, owner mail, early warnings) only reports on the
     * protection, and a problem there costs that feature alone.
     */
    static final List<String> DECISION_KEYS = List.of("threshold", "psi", "grace", "avoid", "prefer", "victim",
            "min_uid", "kill_as_root");

    static Problem of(String key, String text) {
        return new Problem(Optional.of(key), text);
    }

    static Problem ofFile(String text) {
        return new Problem(Optional.empty(), text);
    }

    /** An unknown key is no setting of the decision: it is reported, and the run goes on without it. */
    boolean stopsTheRun() {
        return key.map(DECISION_KEYS::contains).orElse(true);
    }
}
