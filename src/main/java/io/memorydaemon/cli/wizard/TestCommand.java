// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import io.memorydaemon.app.CheckService;
import io.memorydaemon.app.ConfigLoader;
import io.memorydaemon.app.ExitCode;
import io.memorydaemon.check.Checker;
import io.memorydaemon.check.Outcome;
import io.memorydaemon.config.Config;
import io.memorydaemon.config.ConfigException;
import io.memorydaemon.system.ProcProcessTable;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
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
    public Integer call() {
        Config config;
        try {
            config = ConfigLoader.loadChecked(s.env(), Optional.empty());
        } catch (ConfigException e) {
            e.problems().forEach(s.err()::println);
            s.out().println("Fix md.conf first: " + s.step(Menu.Entry.EDIT) + ".");
            return ExitCode.USAGE;
        }
        s.out().println(config.mail().isPresent()
                ? "A test mail will be sent to " + String.join(", ", config.mail().get().receivers())
                        + ", but fret not: no process will be killed."
                : "Mail is off in md.conf; the dummy run still shows what a real run would do. Nothing is killed.");
        s.out().flush();
        AtomicReference<Outcome> seen = new AtomicReference<>();
        int rc = new CheckService(s.env(), seen::set)
                .run(config, new CheckService.Request(Optional.empty(), Checker.Mode.TEST, true));
        TestVerdict.lines(Optional.ofNullable(seen.get()), config, ProcProcessTable.system().currentUid(),
                s.step(Menu.Entry.EDIT)).forEach(s.out()::println);
        s.out().println("Next: " + s.step(Menu.Entry.CRON) + ".");
        return rc;
    }
}
