// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code prometheus}, started on a free loopback port with its own storage under the test's folder, scraping
 * one target every second and evaluating the given rules every second; {@link #get} reads its HTTP API. Closing it
 * kills it.
 */
public final class Prometheus implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/prometheus");

    private final Process process;
    private final URI base;
    private final Path output;

    private Prometheus(Process process, URI base, Path output) {
        this.process = process;
        this.base = base;
        this.output = output;
    }

    /** Skips the calling test when the package is not installed (.ci/run installs it). */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), BINARY + " is missing; install Debian's prometheus"
                + " (apt-get install prometheus, as .ci/run does)");
    }

    /**
     * Starts it as {@code user} in {@code dir} (which that user may write: config, storage and log go there),
     * scraping {@code target} (host:port) as job {@code node}, and waits until it is ready.
     */
    public static Prometheus start(Path dir, Path rules, String target, RunAs user)
            throws IOException, InterruptedException {
        int port = LoopbackService.freePort();
        Path config = Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1s\n"
                + "  evaluation_interval: 1s\nrule_files:\n  - " + rules + "\nscrape_configs:\n  - job_name: node\n"
                + "    static_configs:\n      - targets: ['" + target + "']\n");
        Path data = Files.createDirectories(dir.resolve("data"));
        user.own(dir);
        Path output = dir.resolve("prometheus.log");
        Process p = new ProcessBuilder(user.command(List.of(BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port)))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        Prometheus prometheus = new Prometheus(p, URI.create("http://127.0.0.1:" + port), output);
        try {
            LoopbackService.awaitReady(p, () -> prometheus.get("/-/ready"), 60, 200);
            return prometheus;
        } catch (IOException e) {
            String log = prometheus.log();
            prometheus.close();
            throw new IOException("prometheus did not get ready on " + prometheus.base + ": " + log, e);
        }
    }

    /** The body of a GET of {@code path} (with its query), which must answer 200. */
    public String get(String path) throws IOException {
        return LoopbackService.get(base.resolve(path));
    }

    /** {@code /api/v1/query} of a PromQL expression, now: the JSON answer. */
    public String query(String promql) throws IOException {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    public String log() throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        LoopbackService.stop(process, 20);
    }
}
