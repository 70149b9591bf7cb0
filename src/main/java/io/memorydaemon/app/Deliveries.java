// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import io.memorydaemon.check.Logfmt;
import io.memorydaemon.check.Mailer;
import io.memorydaemon.system.EventLog;
import java.util.List;

/** How mail went, one log line per mail: {@code mail=sent}, {@code mail=kept} or {@code mail=failed}. */
final class Deliveries {
    private Deliveries() { }

    /** Logs each delivery; false if any mail is not delivered (kept for later, or given up now). */
    static boolean log(List<Mailer.Delivery> deliveries, EventLog log) {
        boolean allSent = true;
        for (Mailer.Delivery d : deliveries) {
            if (d.sent()) {
                log.info(Logfmt.fields().add("mail", "sent").add("msg", d.detail()).toString());
                continue;
            }
            allSent = false;
            String fields = Logfmt.fields().add("mail", d.givenUp() ? "failed" : "kept").add("msg", d.detail())
                    .toString();
            log.report(d.givenUp() ? EventLog.Level.ERROR : EventLog.Level.WARNING, fields);
        }
        return allSent;
    }
}
