// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import picocli.CommandLine.IVersionProvider;

/** The module version, which the build sets to the Maven project version. */
public final class VersionProvider implements IVersionProvider {

    public static String version() {
        return VersionProvider.class.getModule().getDescriptor() == null
                ? "development"
                : VersionProvider.class.getModule().getDescriptor().rawVersion().orElse("development");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"memory-daemon " + version(), "Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")"};
    }
}
