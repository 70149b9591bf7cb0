// SPDX-License-Identifier: MIT
/** memory-daemon: a user-level RAM watchdog for shared Linux servers. */
module io.memorydaemon {
    requires info.picocli;
    requires com.github.oshi;
    requires com.sun.jna;
    requires jakarta.mail;
    requires org.eclipse.angus.mail;

    // picocli reflects on the command classes
    opens io.memorydaemon.cli to info.picocli;
    opens io.memorydaemon.cli.wizard to info.picocli;
}
