// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code prometheus-node-exporter}, started on a free loopback port with only the textfile collector, reading
 * a directory of the test's; {@link #scrape()} is what Prometheus would read. Closing it kills it.
 */
public final class NodeExporter implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/prometheus-node-exporter");

    private final Process process;
    private final URI metrics;
    private final Path output;

    private NodeExporter(Process process, URI metrics, Path output) {
        this.process = process;
        this.metrics = metrics;
        this.output = output;
    }

    /** Skips the calling test when the package is not installed (.ci/run installs it). */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), BINARY + " is missing; install Debian's"
                + " prometheus-node-exporter (apt-get install prometheus-node-exporter, as .ci/run does)");
    }

    /**
     * The user node_exporter runs as: as root, Debian's {@code prometheus} (as the package's service does), so the
     * test proves another user can read the file; otherwise the tests' own user.
     */
    public static RunAs reader() {
        if (Root.is()) {
            try {
                return RunAs.lookup("prometheus");
            } catch (RuntimeException noSuchUser) {
                return RunAs.lookup("nobody");
            }
        }
        return RunAs.lookup(Shell.run("id", "-un").strip());
    }

    /** Starts it as {@code user} and waits until it answers on /metrics. */
    public static NodeExporter start(Path textfileDir, RunAs user) throws IOException, InterruptedException {
        int port = LoopbackService.freePort();
        Path output = Files.createTempFile("md-node-exporter", ".log");
        Process p = new ProcessBuilder(user.command(List.of(BINARY.toString(), "--web.listen-address=127.0.0.1:" + port,
                "--collector.disable-defaults", "--collector.textfile",
                "--collector.textfile.directory=" + textfileDir)))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        NodeExporter exporter = new NodeExporter(p, URI.create("http://127.0.0.1:" + port + "/metrics"), output);
        try {
            LoopbackService.awaitReady(p, exporter::scrape, 20, 100);
            return exporter;
        } catch (IOException e) {
            String log = exporter.log();
            exporter.close();
            throw new IOException("node_exporter did not serve " + exporter.metrics + ": " + log, e);
        }
    }

    /** Where it listens, as a Prometheus target ({@code 127.0.0.1:PORT}): the {@code instance} label of its series. */
    public String target() {
        return metrics.getHost() + ":" + metrics.getPort();
    }

    /** The text of /metrics, read now (the textfile collector reads its directory at each scrape). */
    public String scrape() throws IOException, InterruptedException {
        return LoopbackService.get(metrics);
    }

    /** The value of the sample {@code series} (name and labels as served), if served. */
    public static Optional<String> value(String scraped, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scraped);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** What it logged (a file it could not parse is named there). */
    public String log() throws IOException {
        return Files.readString(output);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        LoopbackService.stop(process, 10);
        Files.deleteIfExists(output);
    }
}
