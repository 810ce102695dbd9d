package dev.htmxws.protocol.js;

/**
 * A browser {@code File} in a FormData entry. htmxws never has file contents (a CLI user picks no files),
 * so the only File that occurs is the empty one a form's {@code <input type=file>} contributes; JSON.stringify
 * writes any File as {@code {}}.
 */
public record JsFile(String name) {
    public static final JsFile EMPTY = new JsFile("");
}
