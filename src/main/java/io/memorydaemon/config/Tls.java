// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.util.Locale;

/** How the SMTP connection is secured. */
public enum Tls {
    /**
     * SSL on 465, STARTTLS required on 587 and wherever a password is set (it is never sent in clear), STARTTLS when
     * offered elsewhere.
     */
    AUTO,
    STARTTLS,
    SSL,
    NONE;

    static Tls parse(String value) {
        return Tls.valueOf(value.toUpperCase(Locale.ROOT));
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
