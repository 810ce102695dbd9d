package dev.htmxws.migrate;

import java.util.Locale;
import java.util.Set;

/**
 * Attribute names through which a template or front-end framework sets another attribute when the page renders:
 * Thymeleaf {@code th:hx-ws} and {@code th:attr="hx-ws=…"}, Vue {@code :hx-ws} and {@code v-bind:hx-sse}, Alpine
 * {@code x-bind:hx-ws}, Angular {@code [attr.hx-ws]}. The value is an expression of that framework, so such an
 * attribute is reported for a person to migrate, never rewritten.
 */
final class BoundAttributes {

    /**
     * @param framework who binds it, as a person would name it
     * @param bound     the attribute it sets, lower case, e.g. {@code hx-ws}
     */
    record Binding(String framework, String bound) {
    }

    /** Thymeleaf attributes whose value is a list of {@code name=expression}. */
    private static final Set<String> SETTERS = Set.of("th:attr", "th:attrappend", "th:attrprepend", "data-th-attr",
        "data-th-attrappend", "data-th-attrprepend");

    private BoundAttributes() {
    }

    /** The binding an attribute name makes, or null for a plain attribute. */
    static Binding of(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.startsWith("[attr.") && key.endsWith("]")) {
            return new Binding("Angular", key.substring(6, key.length() - 1));
        }
        if (key.startsWith("[") && key.endsWith("]")) {
            return new Binding("Angular", key.substring(1, key.length() - 1));
        }
        if (key.startsWith("th:")) {
            return new Binding("Thymeleaf", key.substring(3));
        }
        if (key.startsWith("data-th-")) {
            return new Binding("Thymeleaf", key.substring(8));
        }
        if (key.startsWith("v-bind:")) {
            return new Binding("Vue", withoutModifiers(key.substring(7)));
        }
        if (key.startsWith("x-bind:")) {
            return new Binding("Alpine", withoutModifiers(key.substring(7)));
        }
        if (key.startsWith(":") && key.length() > 1) {
            return new Binding("Vue or Alpine", withoutModifiers(key.substring(1)));
        }
        return null;
    }

    /** True for {@code th:attr} and its kin, whose value sets other attributes ({@code th:attr="hx-ws=@{/x}"}). */
    static boolean setsOthers(String name) {
        return SETTERS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** {@code hx-ws.attr} (a Vue modifier) binds {@code hx-ws}. */
    private static String withoutModifiers(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
