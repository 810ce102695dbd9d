package dev.htmxws.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Durations on the command line: {@code 500ms}, {@code 5s}, {@code 2m}, or a bare number of seconds. */
final class Durations implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /**
     * @throws IllegalArgumentException naming the value and the forms it may take (a script or the shell reports it
     *                                  as a bad line of the user's, not as a failure of htmxws)
     */
    static Duration parse(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.startsWith("-")) {
            throw new IllegalArgumentException("'" + value + "' is negative (write e.g. 500ms, 5s, 2m)");
        }
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration
                    .ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 60_000));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a duration (write e.g. 500ms, 5s, 2m)");
        }
    }
}
