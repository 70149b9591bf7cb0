// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made once per test JVM with the JDK's own keytool, and a
 * PKCS12 trust store holding only it. The trust store is readable by everyone, so a checker run as {@code nobody}
 * can be pointed at it ({@link #javaOptions()}); the key store stays the test's (mode 0600).
 */
public final class TlsFiles {
    public static final String PASSWORD = "changeit";
    private static TlsFiles instance;

    private final Path keyStore;
    private final Path trustStore;

    private TlsFiles(Path dir) {
        this.keyStore = dir.resolve("server.p12");
        this.trustStore = dir.resolve("trust.p12");
    }

    public static synchronized TlsFiles get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("md-tls");
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                instance = new TlsFiles(dir);
                instance.generate(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private void generate(Path dir) throws IOException {
        Path cert = dir.resolve("server.cer");
        // deleteOnExit removes in reverse order of registration: the files, then the directory
        dir.toFile().deleteOnExit();
        for (Path p : new Path[] {keyStore, trustStore, cert}) {
            p.toFile().deleteOnExit();
        }
        keytool("-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "smtp", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "smtp", "-file", cert.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", PASSWORD);
        Files.setPosixFilePermissions(keyStore, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(trustStore, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static void keytool(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Shell.run(cmd);
    }

    /** The server's key and certificate (PKCS12, password {@link #PASSWORD}). */
    public Path keyStore() {
        return keyStore;
    }

    /** A PKCS12 trust store holding only the server certificate (password {@link #PASSWORD}). */
    public Path trustStore() {
        return trustStore;
    }

    /** JVM options that make a client trust the server, e.g. for {@code MD_JAVA_OPTS}. */
    public String javaOptions() {
        return "-Djavax.net.ssl.trustStore=" + trustStore + " -Djavax.net.ssl.trustStorePassword=" + PASSWORD;
    }

    /** A server-side TLS context with the certificate. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(keyStore), PASSWORD.toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client-side TLS context that trusts the certificate (and nothing else). */
    public SSLContext clientContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(trustStore));
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore load(Path file) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            return ks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
