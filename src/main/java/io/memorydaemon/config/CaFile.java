// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The PEM CA certificates md.conf's {@code ca_file} names. Read when md.conf is checked (a few certificates parse in
 * milliseconds) and again by each SMTP session, so a file replaced since is what the server is checked against.
 */
public final class CaFile {
    /** A CA bundle is a few hundred KiB at most; anything larger is not one. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private CaFile() { }

    /** The certificates; the exception's message says what is wrong with the file, without its name. */
    public static List<X509Certificate> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new IOException("cannot be read by you");
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException("is larger than " + MAX_BYTES / (1024 * 1024) + " MiB, not a CA certificate file");
        }
        byte[] bytes = Files.readAllBytes(file);
        List<X509Certificate> certs = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certs.add((X509Certificate) c);
            }
        } catch (CertificateException | ClassCastException e) {
            throw new IOException("holds no certificate that can be read (" + e.getMessage() + ")", e);
        }
        if (certs.isEmpty()) {
            throw new IOException("holds no certificate");
        }
        return certs;
    }
}
