// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.util.List;

/** md.conf could not be used; carries every problem found, each a one-line message naming file and line. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
