// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import io.memorydaemon.check.Mailer;
import io.memorydaemon.check.Notice;
import io.memorydaemon.config.Config.MailSettings;
import io.memorydaemon.config.Tls;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Puts a notice in the outbox as the mail it will be: before the decision's log line, whatever the mail settings.
 * When md.conf's mail settings are wrong, the notice is kept all the same, addressed to nobody yet: a kept mail is
 * addressed again from md.conf before each try, so it goes out once md.conf is fixed.
 */
final class NoticeKeeper {
    /** Stands in for settings md.conf got wrong: never used to send, only to write the kept mail. */
    static final MailSettings UNSET = new MailSettings(List.of(), "memory-daemon@localhost", Optional.empty(),
            "localhost", 25, Tls.AUTO);

    private NoticeKeeper() { }

    static Mailer.Kept keep(Notice notice, MailSettings settings, Outbox outbox) {
        MimeMessage message;
        try {
            message = NoticeMessage.compose(notice, settings);
        } catch (MessagingException e) {
            return new Mailer.Kept(notice, Optional.empty(), "cannot compose the mail: " + e.getMessage());
        }
        try {
            return new Mailer.Kept(notice, Optional.of(outbox.keep(out -> {
                try {
                    message.writeTo(out);
                } catch (MessagingException e) {
                    throw new IOException(e);
                }
            })), "");
        } catch (IOException | RuntimeException e) {
            return new Mailer.Kept(notice, Optional.empty(), "the outbox " + outbox.dir() + " refused it: "
                    + e.getMessage());
        }
    }
}
