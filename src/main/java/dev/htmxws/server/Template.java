package dev.htmxws.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An answer template: {@code {field}} placeholders filled from a client message's JSON fields, with dots for
 * nested fields ({@code {HEADERS.HX-Trigger}}); {@code {{} and {@code }}} are literal braces. Every value is
 * HTML-escaped; a missing field or null fills in as nothing; an array as its items joined with ", ".
 */
public final class Template {

    private sealed interface Part permits Text, Field {
    }

    private record Text(String text) implements Part {
    }

    private record Field(String name, List<String> path) implements Part {
    }

    private final List<Part> parts;

    private Template(List<Part> parts) {
        this.parts = parts;
    }

    /** Parses a template; an unclosed or empty placeholder is an {@link IllegalArgumentException} naming it. */
    public static Template parse(String template) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{' && template.startsWith("{{", i)) {
                text.append('{');
                i += 2;
            } else if (c == '}' && template.startsWith("}}", i)) {
                text.append('}');
                i += 2;
            } else if (c == '{') {
                int end = template.indexOf('}', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException(
                        "unclosed placeholder at column " + (i + 1) + " (write {{ for a literal brace)");
                }
                String name = template.substring(i + 1, end).trim();
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("empty placeholder {} at column " + (i + 1));
                }
                if (text.length() > 0) {
                    parts.add(new Text(text.toString()));
                    text.setLength(0);
                }
                parts.add(new Field(name, List.of(name.split("\\.", -1))));
                i = end + 1;
            } else {
                text.append(c);
                i++;
            }
        }
        if (text.length() > 0) {
            parts.add(new Text(text.toString()));
        }
        return new Template(List.copyOf(parts));
    }

    /** The result for one message; names of placeholders the message has no value for are added to {@code missing}. */
    public String fill(JsonNode message, Set<String> missing) {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Text t) {
                b.append(t.text());
            } else if (p instanceof Field f) {
                JsonNode v = lookup(message, f);
                if (v == null || v.isMissingNode()) {
                    missing.add(f.name());
                } else {
                    b.append(Html.escape(text(v)));
                }
            }
        }
        return b.toString();
    }

    public String fill(JsonNode message) {
        return fill(message, new LinkedHashSet<>());
    }

    private static JsonNode lookup(JsonNode message, Field f) {
        if (message == null) {
            return null;
        }
        JsonNode direct = message.get(f.name()); // a field whose own name has a dot
        if (direct != null) {
            return direct;
        }
        JsonNode v = message;
        for (String key : f.path()) {
            v = v.isObject() ? v.get(key) : null;
            if (v == null) {
                return null;
            }
        }
        return v;
    }

    private static String text(JsonNode v) {
        if (v.isNull()) {
            return "";
        }
        if (v.isValueNode()) {
            return v.asText();
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(x -> items.add(text(x)));
            return String.join(", ", items);
        }
        return v.toString();
    }
}
