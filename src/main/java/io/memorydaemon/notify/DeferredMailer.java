// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import io.memorydaemon.check.Deadline;
import io.memorydaemon.check.Mailer;
import io.memorydaemon.check.Notice;
import io.memorydaemon.config.Config.MailSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link SmtpMailer}, built only when there is something to send: every check asks whether the outbox holds
 * mail, and a check under the threshold should not load jakarta.mail for that (the verifier loads 7 of its classes
 * as soon as SmtpMailer is linked). This class names no jakarta type, so linking it loads none.
 *
 * <p>With md.conf's mail settings wrong ({@code settings} empty) notices are still kept, and nothing is sent until
 * md.conf is fixed: mail costs its own feature, and the notice waits for it.
 */
public final class DeferredMailer implements Mailer {
    private final Optional<MailSettings> settings;
    private final Outbox outbox;
    private final String hostname;
    private final Map<String, String> env;
    private Mailer smtp;

    /** @param settings empty when md.conf sets mail but gets it wrong: notices are kept, not sent */
    public DeferredMailer(Optional<MailSettings> settings, Outbox outbox, String hostname, Map<String, String> env) {
        this.settings = settings;
        this.outbox = outbox;
        this.hostname = hostname;
        this.env = env;
    }

    @Override
    public Kept keep(Notice notice) {
        return NoticeKeeper.keep(notice, settings.orElse(NoticeKeeper.UNSET), outbox);
    }

    @Override
    public List<Delivery> deliver(Kept kept, Deadline deadline) {
        if (settings.isEmpty()) {
            return List.of(new Delivery(false, "not sent: md.conf's mail settings are wrong (see above); "
                    + kept.file().map(f -> "kept in " + f + ", sent once md.conf is fixed")
                    .orElse("and it could not be kept: " + kept.problem()), false, kept.file().isPresent()));
        }
        return smtp().deliver(kept, deadline);
    }

    @Override
    public List<Delivery> retryKept(Deadline deadline) {
        return settings.isEmpty() || outbox.isEmpty() ? List.of() : smtp().retryKept(deadline);
    }

    @Override
    public Delivery sendOnce(Notice notice, Deadline deadline) {
        if (settings.isEmpty()) {
            return new Delivery(false, "not sent: md.conf's mail settings are wrong (see above)", false, false);
        }
        return smtp().sendOnce(notice, deadline);
    }

    @Override
    public boolean hasKept() {
        return !outbox.isEmpty();
    }

    private synchronized Mailer smtp() {
        if (smtp == null) {
            smtp = new SmtpMailer(settings.orElseThrow(), outbox, hostname, env);
        }
        return smtp;
    }
}
