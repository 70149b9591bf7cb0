// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import io.memorydaemon.check.Deadline;
import io.memorydaemon.check.Mailer;
import io.memorydaemon.check.Notice;
import io.memorydaemon.config.Config.MailSettings;
import java.util.List;
import java.util.Map;

/**
 * The {@link SmtpMailer}, built only when there is something to send: every check asks whether the outbox holds
 * mail, and a check under the threshold should not load jakarta.mail for that (the verifier loads 7 of its classes
 * as soon as SmtpMailer is linked). This class names no jakarta type, so linking it loads none.
 */
public final class DeferredMailer implements Mailer {
    private final MailSettings settings;
    private final Outbox outbox;
    private final String hostname;
    private final Map<String, String> env;
    private Mailer smtp;

    public DeferredMailer(MailSettings settings, Outbox outbox, String hostname, Map<String, String> env) {
        this.settings = settings;
        this.outbox = outbox;
        this.hostname = hostname;
        this.env = env;
    }

    @Override
    public List<Delivery> send(Notice notice, Deadline deadline) {
        return smtp().send(notice, deadline);
    }

    @Override
    public List<Delivery> retryKept(Deadline deadline) {
        return outbox.isEmpty() ? List.of() : smtp().retryKept(deadline);
    }

    @Override
    public Delivery sendOnce(Notice notice, Deadline deadline) {
        return smtp().sendOnce(notice, deadline);
    }

    @Override
    public boolean hasKept() {
        return !outbox.isEmpty();
    }

    private synchronized Mailer smtp() {
        if (smtp == null) {
            smtp = new SmtpMailer(settings, outbox, hostname, env);
        }
        return smtp;
    }
}
