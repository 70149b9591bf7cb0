// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import io.memorydaemon.config.CaFile;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS client of one SMTP session: the runtime's CA list, plus md.conf's {@code ca_file} when set. Built from
 * md.conf alone, so cron's bare environment, the watcher and the wizard's test trust the same servers.
 */
final class TrustedCas {
    private TrustedCas() { }

    static SSLSocketFactory factory(Optional<Path> caFile) throws IOException {
        if (caFile.isEmpty()) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        Path file = caFile.get();
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (X509Certificate c : runtimeCas()) {
                trusted.setCertificateEntry("runtime-" + n++, c);
            }
            for (X509Certificate c : CaFile.read(file)) {
                trusted.setCertificateEntry("ca_file-" + n++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (IOException e) {
            throw new FailureText.CaUnavailable("ca_file " + file + " " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new FailureText.CaUnavailable("ca_file " + file + " cannot be used (" + e.getMessage() + ")", e);
        }
    }

    /** What the runtime trusts by default (its cacerts, or javax.net.ssl.trustStore when set). */
    private static X509Certificate[] runtimeCas() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }
}
