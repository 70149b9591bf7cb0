// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import io.memorydaemon.check.Mailer;
import io.memorydaemon.check.Notice;
import io.memorydaemon.config.Config.MailSettings;
import java.util.List;

/**
 * The {@link SmtpMailer}, built only when there is something to send: every check asks whether the outbox holds
 * mail, and a check under the threshold should not load jakarta.mail for that (the verifier loads 7 of its classes
 * as soon as SmtpMailer is linked). This class names no jakarta type, so linking it loads none.
 */
public final class DeferredMailer implements Mailer {
    private final MailSettings settings;
    private final Outbox outbox;
    private final String hostname;
    private Mailer smtp;

    public DeferredMailer(MailSettings settings, Outbox outbox, String hostname) {
        this.settings = settings;
        this.outbox = outbox;
        this.hostname = hostname;
    }

    @Override
    public Delivery send(Notice notice) {
        return smtp().send(notice);
    }

    @Override
    public List<Delivery> retryKept() {
        return outbox.isEmpty() ? List.of() : smtp().retryKept();
    }

    @Override
    public boolean hasKept() {
        return !outbox.isEmpty();
    }

    private Mailer smtp() {
        if (smtp == null) {
            smtp = new SmtpMailer(settings, outbox, hostname);
        }
        return smtp;
    }
}
