// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;

/**
 * A private CA and a server certificate it signed for 127.0.0.1 and localhost, made once per test JVM with the JDK's
 * keytool: what a company's mail server presents. The CA certificate and the server's certificate and key are PEM
 * files readable by everyone (a checker run as {@code nobody} reads {@code ca_file}; an MTA reads its key).
 */
public final class PrivateCa {
    private static final String PASSWORD = "changeit";
    private static PrivateCa instance;

    private final Path dir;

    private PrivateCa(Path dir) {
        this.dir = dir;
    }

    public static synchronized PrivateCa get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("md-ca");
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                instance = new PrivateCa(dir);
                instance.generate();
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot make the test CA: " + e.getMessage(), e);
            }
        }
        return instance;
    }

    /** The CA's certificate, PEM: what md.conf's ca_file names. */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** The server's certificate, PEM, signed by the CA. */
    public Path serverPem() {
        return dir.resolve("server.pem");
    }

    /** The server's private key, PKCS#8 PEM. */
    public Path serverKey() {
        return dir.resolve("server.key");
    }

    private void generate() throws IOException, GeneralSecurityException {
        Path ca = dir.resolve("ca.p12");
        Path server = dir.resolve("server.p12");
        Path csr = dir.resolve("server.csr");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=memory-daemon test CA", "-ext", "bc:c", "-storetype", "PKCS12", "-keystore", ca);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-file", caPem());
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-storetype", "PKCS12", "-keystore", server);
        keytool("-certreq", "-alias", "server", "-keystore", server, "-file", csr);
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca, "-infile", csr, "-outfile", serverPem(),
                "-validity", "2", "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "eku=serverAuth");
        Key key;
        try (InputStream in = Files.newInputStream(server)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            key = ks.getKey("server", PASSWORD.toCharArray());
        }
        Files.writeString(serverKey(), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        for (Path p : new Path[] {caPem(), serverPem(), serverKey()}) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        }
        for (Path p : new Path[] {ca, server, csr, caPem(), serverPem(), serverKey(), dir}) {
            p.toFile().deleteOnExit();
        }
    }

    private static void keytool(Object... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        for (int i = 0; i < args.length; i++) {
            cmd[i + 1] = args[i].toString();
        }
        cmd[args.length + 1] = "-storepass"; // PKCS12: the keys share the store's password
        cmd[args.length + 2] = PASSWORD;
        Shell.run(cmd);
    }
}
