// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/** Whether the server refused this mail for good (5xx at RCPT or after DATA), not the login or the link. */
final class Refusal {
    private Refusal() { }

    static boolean isPermanent(Exception e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException a) {
                return a.getReturnCode() / 100 == 5;
            }
            if (x instanceof SMTPSendFailedException s) {
                return s.getReturnCode() / 100 == 5 && !String.valueOf(s.getCommand()).startsWith("MAIL");
            }
            if (!(x instanceof SendFailedException)) {
                return false;
            }
        }
        return false;
    }
}
