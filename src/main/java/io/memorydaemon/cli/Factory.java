// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import io.memorydaemon.app.Environment;
import picocli.CommandLine;

/** Gives every command the environment it runs in, so tests can run commands in-process. */
final class Factory implements CommandLine.IFactory {
    private final Environment env;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    Factory(Environment env) {
        this.env = env;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            return type.getDeclaredConstructor(Environment.class).newInstance(env);
        } catch (NoSuchMethodException e) {
            return fallback.create(type);
        }
    }
}
