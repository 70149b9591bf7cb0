// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real MTA, Debian's exim4-daemon-light, started by the test as root with a config, spool, log and Maildirs of its
 * own under a temporary directory, listening on loopback only: a STARTTLS port ({@link #port()}) and an implicit
 * TLS port ({@link #smtpsPort()}), both with the {@link PrivateCa}'s certificate. It takes mail for
 * {@code @example.test}, refuses {@code gone@example.test} with 550, and accepts AUTH PLAIN/LOGIN of
 * {@link #SENDER}/{@link #PASSWORD} (after STARTTLS only, as real providers do, unless {@code offerTls} is off: then
 * it offers AUTH in clear, to prove memory-daemon does not use it). The system's own exim, if any, is not touched.
 */
public final class Exim implements AutoCloseable {
    public static final String SENDER = "md@example.test";
    public static final String PASSWORD = "exim-pa55";
    private static final Path BINARY = Path.of("/usr/sbin/exim4");
    private static final String USER = "Debian-exim";

    private final Path dir;
    private final Process daemon;
    private final int port;
    private final int smtpsPort;

    private Exim(Path dir, Process daemon, int port, int smtpsPort) {
        this.dir = dir;
        this.daemon = daemon;
        this.port = port;
        this.smtpsPort = smtpsPort;
    }

    /** Skips the test unless run as root with exim4-daemon-light installed (.ci/run installs it). */
    public static Exim start(boolean offerTls) throws IOException, InterruptedException {
        Root.assume("start a real MTA (exim4)");
        Assumptions.assumeTrue(Files.isExecutable(BINARY),
                "needs exim4-daemon-light (apt-get install exim4-daemon-light); run all tests with: sudo .ci/run");
        Path dir = Files.createTempDirectory("md-exim");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String sub : List.of("spool", "log", "mail")) {
            Path p = Files.createDirectory(dir.resolve(sub));
            own(p);
        }
        int port = MailServer.unusedPort();
        int smtpsPort = MailServer.unusedPort();
        Path conf = dir.resolve("exim.conf");
        Files.writeString(conf, config(dir, port, smtpsPort, offerTls));
        Process daemon = new ProcessBuilder(BINARY.toString(), "-C", conf.toString(), "-bdf")
                .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.out").toFile()).start();
        Exim exim = new Exim(dir, daemon, port, smtpsPort);
        exim.awaitListening();
        return exim;
    }

    private static String config(Path dir, int port, int smtpsPort, boolean offerTls) {
        PrivateCa ca = PrivateCa.get();
        return """
                primary_hostname = mx.example.test
                spool_directory = %1$s/spool
                log_file_path = %1$s/log/%%slog
                pid_file_path = %1$s/exim.pid
                local_interfaces = <; 127.0.0.1.%2$d ; 127.0.0.1.%3$d
                tls_on_connect_ports = %3$d
                tls_certificate = %4$s
                tls_privatekey = %5$s
                tls_advertise_hosts = %6$s
                auth_advertise_hosts = %7$s
                domainlist local_domains = example.test
                acl_smtp_rcpt = acl_rcpt
                log_selector = +smtp_connection +smtp_no_mail +received_recipients +tls_cipher +smtp_protocol_error
                host_lookup =
                rfc1413_hosts =
                keep_environment =
                queue_run_max = 0
                # -C makes exim drop root when it re-executes itself: deliver as its own user from the start
                deliver_drop_privilege = true

                begin acl
                acl_rcpt:
                  deny    message = no such user here
                          local_parts = gone
                  require message = relay not permitted
                          domains = +local_domains
                  accept

                begin routers
                local:
                  driver = accept
                  domains = +local_domains
                  # a matched item is untainted: exim refuses a mailbox path built from the raw local part
                  local_parts = owner : other : busy
                  transport = maildir

                begin transports
                maildir:
                  driver = appendfile
                  directory = %1$s/mail/$local_part_data
                  maildir_format
                  create_directory
                  user = %8$s
                  group = %8$s
                  mode = 0644
                  envelope_to_add
                  return_path_add

                begin authenticators
                plain:
                  driver = plaintext
                  public_name = PLAIN
                  server_prompts = :
                  server_condition = ${if and {{eq{$auth2}{%9$s}}{eq{$auth3}{%10$s}}}}
                  server_set_id = $auth2
                login:
                  driver = plaintext
                  public_name = LOGIN
                  server_prompts = Username:: : Password::
                  server_condition = ${if and {{eq{$auth1}{%9$s}}{eq{$auth2}{%10$s}}}}
                  server_set_id = $auth1
                """.formatted(dir, port, smtpsPort, ca.serverPem(), ca.serverKey(), offerTls ? "*" : "",
                offerTls ? "${if def:tls_in_cipher {*}{}}" : "*", USER, SENDER, PASSWORD);
    }

    /** The STARTTLS (or, without TLS, plain) port. */
    public int port() {
        return port;
    }

    /** The implicit TLS port (TLS from the first byte, like 465). */
    public int smtpsPort() {
        return smtpsPort;
    }

    /** md.conf mail lines for the STARTTLS port with the right password and the CA in ca_file. */
    public String mailLines(String receivers) {
        return "receiver " + receivers + "\nsender \"Memory Daemon\" <" + SENDER + ">\npass " + PASSWORD
                + "\nsmtp 127.0.0.1\nport " + port + "\nca_file " + PrivateCa.get().caPem() + "\n";
    }

    /** The messages delivered to {@code localPart@example.test}, waiting up to 30 s for {@code count}. */
    public List<String> awaitMailbox(String localPart, int count) throws IOException, InterruptedException {
        Path box = dir.resolve("mail").resolve(localPart).resolve("new");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<String> mails = new ArrayList<>();
            if (Files.isDirectory(box)) {
                try (Stream<Path> files = Files.list(box)) {
                    for (Path f : files.sorted().toList()) {
                        mails.add(Files.readString(f, StandardCharsets.UTF_8));
                    }
                }
            }
            if (mails.size() >= count || System.nanoTime() - deadline > 0) {
                return mails;
            }
            Thread.sleep(100);
        }
    }

    /** Exim's main log: one line per connection, message and delivery. */
    public String mainLog() throws IOException {
        Path log = dir.resolve("log/mainlog");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** The main log once it holds {@code text} (or after 10 s): exim writes it after answering the client. */
    public String awaitLog(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!mainLog().contains(text) && System.nanoTime() - deadline < 0) {
            Thread.sleep(100);
        }
        return mainLog();
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() - deadline < 0) {
            if (!daemon.isAlive()) {
                break;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        String why = Files.readString(dir.resolve("daemon.out")) + read(dir.resolve("log/paniclog"));
        close();
        throw new IllegalStateException("exim did not start listening on 127.0.0.1:" + port + ": " + why);
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }

    private static void own(Path p) throws IOException {
        UserPrincipalLookupService users = p.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        UserPrincipal user = users.lookupPrincipalByName(USER);
        GroupPrincipal group = users.lookupPrincipalByGroupName(USER);
        view.setOwner(user);
        view.setGroup(group);
    }

    /** Stops the daemon and whatever it forked (SIGTERM, then SIGKILL), and removes its directory. */
    @Override
    public void close() throws IOException {
        List<ProcessHandle> all = new ArrayList<>(daemon.descendants().toList());
        all.add(daemon.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                h.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (UncheckedIOException e) {
            // a file exim was still writing: the temp dir is left for the system to clean
        }
    }
}
