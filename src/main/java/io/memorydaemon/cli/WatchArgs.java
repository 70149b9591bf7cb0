// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import io.memorydaemon.app.Environment;
import io.memorydaemon.app.SystemWatcherStart;
import io.memorydaemon.app.WatchService;
import io.memorydaemon.system.Capabilities;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code watch} request, built the same way by picocli's {@link WatchCommand} and by the fast path a watcher
 * starts through (as {@link CheckArgs} for cron's check): picocli's classes cannot be archived by CDS, so through
 * picocli every watcher parsed and kept them for its whole life (measured: bench/README.md §6). Uses no picocli
 * type, so the fast path loads none.
 */
final class WatchArgs {
    static final String DEFAULT_INTERVAL = "1s";
    private static final Pattern FORM = Pattern.compile("(\\d{1,7})(ms|s|m|h)?");

    private WatchArgs() { }

    /** A parsed {@code watch}: the request, and whether it is the system watcher ({@code --system}). */
    record Watch(WatchService.Request request, boolean system) {
        int run(Environment env) {
            if (!system) {
                return new WatchService(env).run(request);
            }
            // as the unit runs it on any init: root becomes the service user here; a start-up error is a journal line
            Environment asSystem = env.asSystem();
            try {
                OptionalInt stop = SystemWatcherStart.prepare(asSystem, Capabilities.self(),
                        Optional.ofNullable(System.getProperty("md.home")).map(Path::of), arguments());
                return stop.isPresent() ? stop.getAsInt() : new WatchService(asSystem).run(request);
            } catch (RuntimeException e) {
                return SystemWatcherStart.failed(asSystem, e);
            }
        }

        /** This request as the launcher's arguments, for root's hand-over to the service user. */
        List<String> arguments() {
            List<String> args = new ArrayList<>(List.of("watch", "--system", "--interval",
                    request.intervalMillis() + "ms"));
            request.configFile().ifPresent(f -> args.addAll(List.of("--config", f.toAbsolutePath().toString())));
            if (request.dryRun()) {
                args.add("--dry-run");
            }
            return args;
        }
    }

    /**
     * {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}; a bare number is seconds; 100ms to 1h.
     *
     * @throws IllegalArgumentException with the sentence to show, for anything else
     */
    static Duration interval(String value) {
        Matcher m = FORM.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a duration; write e.g. 500ms, 1s or 2m");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.toMillis() < 100 || d.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("'" + value + "' is out of range; use 100ms to 1h");
        }
        return d;
    }

    static WatchService.Request request(Path config, Duration interval, boolean dryRun) {
        return new WatchService.Request(Optional.ofNullable(config), interval.toMillis(), dryRun);
    }

    /**
     * The forms the wizard's unit, its {@code @reboot} line, memory-daemon.service and people write: {@code watch}
     * with each of {@code --interval D} (a valid one), {@code --config FILE}, {@code --dry-run} and
     * {@code --system} at most once. Empty for anything else (help, errors, {@code --interval=D}): picocli parses
     * those and words their errors.
     */
    static Optional<Watch> parse(String[] args) {
        if (args.length == 0 || !args[0].equals("watch")) {
            return Optional.empty();
        }
        Path config = null;
        Duration interval = null;
        boolean dryRun = false;
        boolean system = false;
        for (int i = 1; i < args.length; i++) {
            boolean hasValue = i + 1 < args.length && !args[i + 1].isEmpty() && !args[i + 1].startsWith("-");
            switch (args[i]) {
                case "--dry-run" -> {
                    if (dryRun) {
                        return Optional.empty();
                    }
                    dryRun = true;
                }
                case "--system" -> {
                    if (system) {
                        return Optional.empty();
                    }
                    system = true;
                }
                case "--interval" -> {
                    if (interval != null || !hasValue) {
                        return Optional.empty();
                    }
                    try {
                        interval = interval(args[++i]);
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                }
                case "--config" -> {
                    if (config != null || !hasValue) {
                        return Optional.empty();
                    }
                    config = Path.of(args[++i]);
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Watch(request(config, interval == null ? interval(DEFAULT_INTERVAL) : interval, dryRun),
                system));
    }
}
