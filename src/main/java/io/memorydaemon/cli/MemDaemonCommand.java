// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import picocli.CommandLine.Command;

/** {@code mem_daemon}: the launcher cron and the watcher run. */
@Command(name = "mem_daemon",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Checks used RAM against the threshold in md.conf. Over it, terminates your own",
            "largest process (SIGTERM, then SIGKILL) or warns about another user's, and",
            "emails the receivers.",
            "",
            "The original tool's forms still work: 'mem_daemon 0 1' is 'check',",
            "'mem_daemon 1 1' is 'check --test'; a second argument of 0 adds --no-mail."},
        subcommands = {CheckCommand.class, WatchCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done, whatever the action",
            "1:runtime failure (kill failed, mail kept for retry, I/O error)",
            "2:bad usage or bad md.conf (nothing changed)"})
public final class MemDaemonCommand {
}
