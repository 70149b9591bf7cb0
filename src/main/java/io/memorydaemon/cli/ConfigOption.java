// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}, as {@code check} and {@code watch} both take it. */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "md.conf to use (default: $${XDG_CONFIG_HOME:-~/.config}/mem_daemon/md.conf)")
    Path file;
}
