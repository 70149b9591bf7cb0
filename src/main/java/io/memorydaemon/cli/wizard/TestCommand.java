// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import io.memorydaemon.app.CheckService;
import io.memorydaemon.app.ExitCode;
import io.memorydaemon.check.Checker;
import io.memorydaemon.config.Config;
import io.memorydaemon.config.ConfigException;
import io.memorydaemon.config.ConfigParser;
import io.memorydaemon.notify.Outbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Menu entry 3. */
@Command(name = "test", mixinStandardHelpOptions = true,
        header = "Dummy-trigger check with a real test mail; kills nothing.",
        description = "Run the checker once with a dummy trigger (threshold treated as 0%%): it chooses the dominant "
            + "process as a real run would, sends the real mail marked as a test, kills nothing, and tells "
            + "what a real run would have done and whether the mail server accepted the mail.")
public final class TestCommand implements Callable<Integer> {
    private final WizardSession s;

    public TestCommand(WizardSession session) {
        this.s = session;
    }

    @Override
    public Integer call() throws IOException {
        Config config;
        try {
            config = new ConfigParser(s.paths(), s.env().home()).parse(s.paths().configFile());
        } catch (ConfigException e) {
            e.problems().forEach(s.err()::println);
            s.out().println("Fix md.conf first: 2) Edit md.conf (md_wizard edit).");
            return ExitCode.USAGE;
        }
        s.out().println(config.mail().isPresent()
                ? "A test mail will be sent to " + String.join(", ", config.mail().get().receivers())
                        + ", but fret not: no process will be killed."
                : "Mail is off in md.conf; the dummy run still shows what a real run would do. Nothing is killed.");
        s.out().flush();
        Outbox outbox = new Outbox(s.paths().outboxDir());
        Set<Path> waiting = new HashSet<>(outbox.list());
        int rc = new CheckService(s.env()).run(new CheckService.Request(Optional.empty(), Checker.Mode.TEST, true));
        s.out().println("would-kill: over the threshold, a real run would terminate that process of yours;"
                + " would-warn: it belongs to someone else (or you are root), so a real run would only warn.");
        if (config.mail().isEmpty()) {
            s.out().println("To be told by mail, set receiver, sender, smtp and port with 2) Edit md.conf.");
        } else if (rc == ExitCode.OK) {
            s.out().println("The mail server " + config.mail().get().smtpHost() + " accepted the test mail: look for"
                    + " it in the inbox of " + String.join(", ", config.mail().get().receivers()) + ".");
        } else {
            // a test mail delivered hours later by a cron run would only confuse: drop it from the outbox
            for (Path kept : outbox.list()) {
                if (!waiting.contains(kept)) {
                    Files.deleteIfExists(kept);
                }
            }
            s.out().println("The test mail was NOT accepted (the server's answer is above); md_wizard took it out of the"
                    + " outbox again, as a test is not retried. Fix md.conf with 2) Edit md.conf and test again.");
        }
        s.out().println("Next: 4) Add crontab for memory daemon (md_wizard cron).");
        return rc;
    }
}
