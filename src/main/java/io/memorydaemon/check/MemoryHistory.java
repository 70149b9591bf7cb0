// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last readings of used RAM, and when the threshold will be reached at the rate they show: a least-squares line
 * through the readings of the last {@link #WINDOW}. The watcher keeps one sample every few seconds; {@code check}
 * keeps its own in its state directory, one per run.
 */
public final class MemoryHistory {
    /** How far back the rate is taken from: long enough to smooth a tick's noise, short enough to follow a job. */
    public static final Duration WINDOW = Duration.ofMinutes(10);
    /** Readings kept at most. */
    public static final int MAX_READINGS = 64;
    /** Slower growth than this (1 MiB a minute) is no growth: no estimate. */
    private static final double MIN_BYTES_PER_SECOND = (1 << 20) / 60.0;
    /** An estimate needs readings spread over at least this long. */
    private static final long MIN_SPAN_MILLIS = 10_000;

    /** One reading: when, and how much RAM was used. */
    public record Reading(long epochMillis, long usedBytes) { }

    /**
     * When used RAM reaches the threshold at the current rate.
     *
     * @param bytesPerSecond the rate of growth
     * @param until          how long from the last reading
     */
    public record Forecast(double bytesPerSecond, Duration until) { }

    private final List<Reading> readings = new ArrayList<>();

    public MemoryHistory(List<Reading> readings) {
        readings.forEach(this::add);
    }

    /** Adds a reading; those older than the window, or beyond the cap, are dropped. */
    public void add(Reading r) {
        if (!readings.isEmpty() && r.epochMillis() < readings.get(readings.size() - 1).epochMillis()) {
            readings.clear(); // the clock went back: start again rather than compute a rate from it
        }
        readings.add(r);
        readings.removeIf(old -> r.epochMillis() - old.epochMillis() > WINDOW.toMillis());
        while (readings.size() > MAX_READINGS) {
            readings.remove(0);
        }
    }

    public List<Reading> readings() {
        return List.copyOf(readings);
    }

    /** The forecast, when used RAM grows measurably and is still under {@code thresholdBytes}. */
    public Optional<Forecast> forecast(long thresholdBytes) {
        if (readings.size() < 2) {
            return Optional.empty();
        }
        Reading first = readings.get(0);
        Reading last = readings.get(readings.size() - 1);
        if (last.epochMillis() - first.epochMillis() < MIN_SPAN_MILLIS || last.usedBytes() >= thresholdBytes) {
            return Optional.empty();
        }
        double n = readings.size();
        double sumT = 0;
        double sumU = 0;
        for (Reading r : readings) {
            sumT += (r.epochMillis() - first.epochMillis()) / 1000.0;
            sumU += r.usedBytes();
        }
        double meanT = sumT / n;
        double meanU = sumU / n;
        double cov = 0;
        double var = 0;
        for (Reading r : readings) {
            double t = (r.epochMillis() - first.epochMillis()) / 1000.0 - meanT;
            cov += t * (r.usedBytes() - meanU);
            var += t * t;
        }
        double rate = var == 0 ? 0 : cov / var;
        if (rate < MIN_BYTES_PER_SECOND) {
            return Optional.empty();
        }
        double seconds = (thresholdBytes - last.usedBytes()) / rate;
        return Optional.of(new Forecast(rate, Duration.ofMillis(Math.round(seconds * 1000))));
    }
}
