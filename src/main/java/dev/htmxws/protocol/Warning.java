package dev.htmxws.protocol;

/**
 * Something htmx in a browser would do that a person probably did not intend (a known htmx pitfall, a
 * fragment with no target, a value htmxws cannot evaluate). htmxws behaves as the browser does and says so.
 *
 * @param code    stable identifier, e.g. {@code oob-no-target}
 * @param message one line for a person
 */
public record Warning(String code, String message) {
}
