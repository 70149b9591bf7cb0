// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import io.memorydaemon.check.Deadline;
import io.memorydaemon.check.Mailer;
import io.memorydaemon.check.Notice;
import io.memorydaemon.config.Config.MailSettings;
import io.memorydaemon.config.Tls;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Sends notices over SMTP with Angus Mail. A notice is kept in the outbox first and removed once the server took
 * it; each SMTP session, from the password and the name lookup to QUIT, ends by its deadline.
 */
public final class SmtpMailer implements Mailer {
    /** A mail kept this long is given up (moved to outbox/failed/): its news is stale, and it would fail every run. */
    public static final Duration KEEP_MAX = Duration.ofDays(3);

    private final MailSettings settings;
    private final Outbox outbox;
    private final SmtpSession session;

    /** @param env the environment pass_command runs with */
    public SmtpMailer(MailSettings settings, Outbox outbox, String hostname, Map<String, String> env) {
        this(settings, outbox, hostname, env, SmtpSession.CONNECT_TIMEOUT, SmtpSession.IO_TIMEOUT);
    }

    SmtpMailer(MailSettings settings, Outbox outbox, String hostname, Map<String, String> env,
               Duration connectTimeout, Duration ioTimeout) {
        this.settings = settings;
        this.outbox = outbox;
        this.session = new SmtpSession(settings, hostname, env, connectTimeout, ioTimeout);
    }

    @Override
    public Kept keep(Notice notice) {
        return NoticeKeeper.keep(notice, settings, outbox);
    }

    @Override
    public List<Delivery> deliver(Kept kept, Deadline deadline) {
        if (kept.file().isEmpty()) {
            // nowhere to keep it: one try now is all it gets
            Delivery once = sendOnce(kept.notice(), deadline);
            return List.of(once.sent() ? once : new Delivery(false, once.detail() + "; and it could not be kept: "
                    + kept.problem(), false, false));
        }
        List<Delivery> results = new ArrayList<>();
        deliverKept(kept.file().get(), deadline, true).ifPresent(results::add);
        if (results.isEmpty() || results.get(0).sent() || results.get(0).givenUp()) {
            results.addAll(retry(deadline, kept.file().get()));
        }
        return results;
    }

    @Override
    public List<Delivery> retryKept(Deadline deadline) {
        return retry(deadline, null);
    }

    private List<Delivery> retry(Deadline deadline, Path skip) {
        List<Delivery> results = new ArrayList<>();
        for (Path file : outbox.list()) {
            if (file.equals(skip)) {
                continue;
            }
            if (deadline.remaining().compareTo(SmtpSession.MIN) < 0) {
                break; // the run's budget is spent: the rest waits for the next run
            }
            Optional<Delivery> d = deliverKept(file, deadline, false);
            d.ifPresent(results::add);
            if (d.isPresent() && !d.get().sent() && !d.get().givenUp()) {
                break; // unreachable, or refusing us: the rest would fail alike; leave them for the next run
            }
        }
        return results;
    }

    @Override
    public Delivery sendOnce(Notice notice, Deadline deadline) {
        try {
            return sendNow(NoticeMessage.compose(notice, settings), deadline).notKept();
        } catch (MessagingException e) {
            return new Delivery(false, "cannot compose the mail: " + e.getMessage(), false, false);
        }
    }

    @Override
    public boolean hasKept() {
        return !outbox.isEmpty();
    }

    private Delivery sendNow(MimeMessage message, Deadline deadline) {
        try {
            Receivers got = session.deliver(message, NoticeMessage.receivers(message, settings), deadline);
            if (got.refused().isEmpty()) {
                return new Delivery(true, "accepted by " + server() + " for " + String.join(", ", got.accepted()));
            }
            return new Delivery(false, (got.accepted().isEmpty() ? "mail not sent: "
                    : "mail accepted by " + server() + " for " + String.join(", ", got.accepted()) + "; ")
                    + got.refusedText());
        } catch (MessagingException | IOException e) {
            return new Delivery(false, FailureText.of(e, server(), settings));
        }
    }

    /** Empty when another run holds this mail (it delivers it) or has already delivered it. */
    private Optional<Delivery> deliverKept(Path file, Deadline deadline, boolean fresh) {
        String name = fresh ? "mail" : "kept mail " + file.getFileName();
        try (KeptMail kept = KeptMail.claim(file).orElse(null)) {
            if (kept == null) {
                return Optional.empty();
            }
            if (!fresh && kept.age(Instant.now()).compareTo(KEEP_MAX) > 0) {
                return Optional.of(new Delivery(false, name + " was kept longer than " + KEEP_MAX.toDays()
                        + " days; given up, moved to " + kept.giveUp(outbox.failedDir()), true));
            }
            try {
                NoticeMessage message = new NoticeMessage(Session.getInstance(new Properties()),
                        new ByteArrayInputStream(kept.bytes()), settings.sender());
                Progress before = Progress.takeFrom(message);
                NoticeMessage.address(message, settings); // md.conf may have been fixed since: it goes where it says now
                message.saveChanges();
                List<String> remaining = before.remaining(NoticeMessage.receivers(message, settings));
                Receivers got = remaining.isEmpty() ? Receivers.all(List.of()) : session.deliver(message, remaining, deadline);
                return Optional.of(settle(kept, message, name, before.plus(got), got, fresh));
            } catch (MessagingException | IOException e) {
                String why = FailureText.of(e, server(), settings);
                if (Refusal.isPermanent(e)) {
                    return Optional.of(new Delivery(false, name + " refused for good: " + why + "; moved to "
                            + kept.giveUp(outbox.failedDir()) + ", not retried", true));
                }
                return Optional.of(new Delivery(false, (fresh ? why : name + " still not sent: " + why)
                        + "; kept in " + file + ", retried on the next run"));
            }
        } catch (IOException e) {
            return Optional.of(new Delivery(false, name + " in " + file + " cannot be read or moved: "
                    + e.getMessage()));
        }
    }

    /** After a session that reached some receivers: delivered, kept for the deferred ones, or given up. */
    private Delivery settle(KeptMail kept, MimeMessage message, String name, Progress after, Receivers got,
                            boolean fresh) throws MessagingException, IOException {
        List<String> left = after.remaining(NoticeMessage.receivers(message, settings));
        String sent = sent(name, got, fresh);
        if (left.isEmpty() && after.refused().isEmpty()) {
            kept.delivered();
            return new Delivery(true, sent);
        }
        after.writeTo(message);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        kept.rewrite(bytes.toByteArray());
        String refused = got.refused().isEmpty() ? "refused earlier: " + String.join(", ", after.refused())
                : got.refusedText();
        if (left.isEmpty()) {
            return new Delivery(false, sent + "; " + refused + "; moved to " + kept.giveUp(outbox.failedDir())
                    + ", not retried", true);
        }
        return new Delivery(false, sent + "; " + refused + "; kept in " + kept.file() + ", retried on the next run"
                + " for " + String.join(", ", left));
    }

    private String sent(String name, Receivers got, boolean fresh) {
        if (got.accepted().isEmpty()) {
            return got.refused().isEmpty() ? name + " has no receiver left to try" : name + " not sent";
        }
        boolean named = fresh || !got.refused().isEmpty();
        return name + " accepted by " + server() + (named ? " for " + String.join(", ", got.accepted()) : "");
    }

    Tls effectiveTls() {
        return SessionProperties.effectiveTls(settings);
    }

    private String server() {
        return settings.smtpHost() + ":" + settings.smtpPort();
    }
}
