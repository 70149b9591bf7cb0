// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

/**
 * User ids as the kernel has them: unsigned 32-bit ({@code uid_t}), kept in a {@code long}. A directory service
 * (LDAP, AD through sssd, systemd-homed) hands out uids above 2³¹; read into a signed {@code int} they turn
 * negative and drop out of every comparison. Only 4294967295 ({@code (uid_t) -1}) is not a uid: the kernel uses it
 * for "no change" and never runs a process as it.
 */
public final class Uids {
    /** {@code (uid_t) -1}: never a process's uid. */
    public static final long NONE = 0xFFFF_FFFFL;
    /** The kernel's overflow uid: nobody, which daemons run as; never an ordinary user's work. */
    public static final long NOBODY = 65534;

    private Uids() { }

    /** A uid written in decimal, as /proc and /etc/passwd have it; -1 when it is not one. */
    public static long parse(CharSequence text) {
        int n = text.length();
        if (n == 0 || n > 10) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= NONE ? v : -1;
    }

    /** The unsigned value of a uid that arrived as a Java {@code int} (a file's owner from NIO, say). */
    public static long of(int raw) {
        return raw & 0xFFFF_FFFFL;
    }
}
