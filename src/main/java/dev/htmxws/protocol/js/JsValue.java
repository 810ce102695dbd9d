package dev.htmxws.protocol.js;

import java.util.Set;

/**
 * The two JavaScript values that have no Java counterpart but matter for the wire format: {@code undefined}
 * and a function. Both vanish from objects and become {@code null} in arrays under JSON.stringify, but a
 * function is not {@code == null} in JS, which changes how htmx merges values (see {@link #isNullish}).
 * JS {@code null} is Java {@code null}; strings, booleans, numbers, {@link java.util.List} and
 * {@link java.util.Map} (a JS object, insertion ordered) are themselves.
 */
public enum JsValue {
    UNDEFINED, FUNCTION;

    /**
     * Names that a plain JS object {@code {}} already "has" through Object.prototype. htmx code that does
     * {@code values[name] == null}, {@code name in values} or {@code values[name] = …} on a plain object
     * treats these names specially (they read back as functions; {@code __proto__} cannot be set as data).
     */
    public static final Set<String> OBJECT_PROTOTYPE = Set.of(
        "constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toString",
        "toLocaleString", "valueOf", "__defineGetter__", "__defineSetter__", "__lookupGetter__",
        "__lookupSetter__", "__proto__");

    /** JS {@code v == null}. */
    public static boolean isNullish(Object v) {
        return v == null || v == UNDEFINED;
    }

    /** What {@code plainObject[key]} yields in JS: an own property, else the inherited prototype member. */
    public static Object get(java.util.Map<String, Object> plainObject, String key) {
        if (plainObject.containsKey(key)) {
            return plainObject.get(key);
        }
        if (key.equals("__proto__")) {
            return java.util.Map.of(); // Object.prototype: an object, not nullish
        }
        return OBJECT_PROTOTYPE.contains(key) ? FUNCTION : UNDEFINED;
    }
}
