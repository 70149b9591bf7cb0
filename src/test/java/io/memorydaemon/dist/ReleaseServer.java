// SPDX-License-Identifier: MIT
package io.memorydaemon.dist;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Releases laid out as GitHub serves them ({@code v<version>/<tarball>}, {@code v<version>/checksums_sha256.txt},
 * plus the {@code latest} file install.sh reads from a mirror), served by {@code python3 -m http.server}.
 */
final class ReleaseServer implements AutoCloseable {
    private final Path root;
    private final Process server;
    private final int port;

    ReleaseServer(Path root) throws IOException, InterruptedException {
        this.root = root;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        server = new ProcessBuilder("python3", "-m", "http.server", "--bind", "127.0.0.1", String.valueOf(port),
                "--directory", root.toString()).redirectErrorStream(true)
                .redirectOutput(root.resolveSibling("http.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        server.destroy();
        throw new IllegalStateException("python3 -m http.server did not start on port " + port);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Publishes a tarball as release {@code version}, with the checksum {@code checksumOf} has. */
    void publish(String version, Path tarball, Path checksumOf) throws IOException {
        Path dir = Files.createDirectories(root.resolve("v" + version));
        String name = "memory-daemon-" + version + "-linux-x86_64.tar.gz";
        Files.copy(tarball, dir.resolve(name));
        Files.writeString(dir.resolve("checksums_sha256.txt"), sha256(checksumOf) + "  " + name + "\n");
    }

    void latest(String version) throws IOException {
        Files.writeString(root.resolve("latest"), version + "\n");
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.destroy();
        server.waitFor();
    }
}
