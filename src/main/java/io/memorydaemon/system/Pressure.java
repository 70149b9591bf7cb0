// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import io.memorydaemon.check.PressureGauge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * Memory pressure stall information: the {@code some avg10} of {@code /proc/pressure/memory}, the share of the last
 * ten seconds in which some task waited for memory. Absent on kernels before 4.20 or booted with {@code psi=0}.
 */
public final class Pressure implements PressureGauge {
    private static final String FIELD = "some avg10=";
    private final Path file;

    public Pressure(Path file) {
        this.file = file;
    }

    public static Pressure system() {
        return new Pressure(Path.of("/proc/pressure/memory"));
    }

    public boolean available() {
        return Files.isReadable(file);
    }

    /** The {@code some avg10} percentage, or empty when the kernel does not offer it. */
    @Override
    public OptionalDouble someAvg10() throws IOException {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return OptionalDouble.empty();
        }
        return parse(text);
    }

    static OptionalDouble parse(String text) {
        int at = text.indexOf(FIELD);
        if (at < 0) {
            return OptionalDouble.empty();
        }
        int start = at + FIELD.length();
        int end = start;
        while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
            end++;
        }
        try {
            return OptionalDouble.of(Double.parseDouble(text.substring(start, end)));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
