// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import picocli.CommandLine;

/** Gives every wizard command the session it runs in. */
public final class SessionFactory implements CommandLine.IFactory {
    private final WizardSession session;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    public SessionFactory(WizardSession session) {
        this.session = session;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            return type.getDeclaredConstructor(WizardSession.class).newInstance(session);
        } catch (NoSuchMethodException e) {
            return fallback.create(type);
        }
    }
}
