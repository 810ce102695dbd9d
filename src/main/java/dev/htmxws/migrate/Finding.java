package dev.htmxws.migrate;

/**
 * Something a person should know about one place in a template.
 *
 * @param offset char offset in the decoded text (-1 for the whole file)
 * @param line   1-based line, 0 for the whole file
 * @param column 1-based column in chars, 0 for the whole file
 * @param code   stable identifier, e.g. {@code unknown-verb}
 */
public record Finding(int offset, int line, int column, Level level, String code, String message) {

    public static Finding ofFile(Level level, String code, String message) {
        return new Finding(-1, 0, 0, level, code, message);
    }
}
