// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A real GreenMail SMTP server on a free loopback port, with one account (login {@link #SENDER}, password
 * {@link #PASSWORD}), in the three ways mail servers are reached:
 * <ul>
 *   <li>{@link Flavour#PLAIN}: SMTP with AUTH, no TLS (and no STARTTLS offered);</li>
 *   <li>{@link Flavour#SSL}: SMTPS, TLS from the first byte, with the {@link TlsFiles} certificate;</li>
 *   <li>{@link Flavour#STARTTLS}: a {@link StartTlsFront} that upgrades with STARTTLS, then hands over to GreenMail.</li>
 * </ul>
 * The TLS flavours make this JVM's default SSLContext trust the fixture's certificate (and only it), as a user's
 * trust store would; the mailer keeps checking the server's identity. A checker in another JVM gets
 * {@code MD_JAVA_OPTS=}{@link TlsFiles#javaOptions()}.
 */
public final class MailServer implements AutoCloseable {

    public enum Flavour { PLAIN, SSL, STARTTLS }

    public static final String HOST = "127.0.0.1";
    public static final String SENDER = "md@example.test";
    public static final String PASSWORD = "pa55-word";
    private static final long WAIT_MILLIS = 30_000;

    private final Flavour flavour;
    private final GreenMail greenMail;
    private final StartTlsFront front;

    private MailServer(Flavour flavour, GreenMail greenMail, StartTlsFront front) {
        this.flavour = flavour;
        this.greenMail = greenMail;
        this.front = front;
    }

    public static MailServer start(Flavour flavour) throws IOException {
        TlsFiles tls = TlsFiles.get();
        if (flavour != Flavour.PLAIN) {
            // GreenMail reads these once, when its first SMTPS server starts
            System.setProperty("greenmail.tls.keystore.file", tls.keyStore().toString());
            System.setProperty("greenmail.tls.keystore.password", TlsFiles.PASSWORD);
            SSLContext.setDefault(tls.clientContext());
        }
        ServerSetup setup = new ServerSetup(0, HOST, flavour == Flavour.SSL ? ServerSetup.PROTOCOL_SMTPS
                : ServerSetup.PROTOCOL_SMTP).dynamicPort();
        setup.setServerStartupTimeout(30_000);
        GreenMail greenMail = new GreenMail(setup);
        greenMail.start();
        greenMail.setUser(SENDER, SENDER, PASSWORD);
        StartTlsFront front = null;
        if (flavour == Flavour.STARTTLS) {
            front = new StartTlsFront(tls.serverContext(), greenMail.getSmtp().getPort());
        }
        return new MailServer(flavour, greenMail, front);
    }

    /** The port clients connect to. */
    public int port() {
        return switch (flavour) {
            case PLAIN -> greenMail.getSmtp().getPort();
            case SSL -> greenMail.getSmtps().getPort();
            case STARTTLS -> front.port();
        };
    }

    /** The md.conf {@code tls} value that fits this server. */
    public String tls() {
        return switch (flavour) {
            case PLAIN -> "none";
            case SSL -> "ssl";
            case STARTTLS -> "starttls";
        };
    }

    /** md.conf mail lines for this server, with the right password. */
    public String mailConfig(String receivers) {
        return mailConfig(receivers, PASSWORD);
    }

    /** md.conf mail lines for this server with the given password. */
    public String mailConfig(String receivers, String password) {
        return mailLines(receivers, password, port(), tls());
    }

    /** md.conf mail lines for any port (e.g. {@link #unusedPort()}). */
    public static String mailLines(String receivers, String password, int port, String tls) {
        return "receiver " + receivers + "\nsender " + SENDER + "\npass " + password + "\nsmtp " + HOST
                + "\nport " + port + "\ntls " + tls + "\n";
    }

    /** Waits until at least {@code count} messages arrived (one per receiver); fails the test otherwise. */
    public List<MimeMessage> awaitMessages(int count) {
        if (!greenMail.waitForIncomingEmail(WAIT_MILLIS, count)) {
            throw new AssertionError("expected " + count + " mails, got " + greenMail.getReceivedMessages().length);
        }
        return received();
    }

    public List<MimeMessage> received() {
        return List.of(greenMail.getReceivedMessages());
    }

    /** A loopback port nothing listens on: connections are refused, like a server that is down. */
    public static int unusedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (front != null) {
            front.close();
        }
        greenMail.stop();
    }
}
