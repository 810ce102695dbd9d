package dev.htmxws.protocol.js;

import java.util.List;
import java.util.Map;

/**
 * JavaScript's {@code String(value)} for the values htmx handles ({@link JsonText} values, {@link JsValue},
 * {@link JsFile}): what a FormData entry, a URL parameter or a request header becomes.
 */
public final class JsString {
    private JsString() {
    }

    public static String of(Object v) {
        if (v == null) {
            return "null";
        }
        if (v == JsValue.UNDEFINED) {
            return "undefined";
        }
        if (v == JsValue.FUNCTION) {
            return "function () { [native code] }";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (v instanceof Number n) {
            return JsNumber.toJsString(n.doubleValue());
        }
        if (v instanceof JsFile) {
            return "[object File]";
        }
        if (v instanceof List<?> list) {
            // Array.prototype.join: null and undefined elements become ""
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                Object e = list.get(i);
                if (e != null && e != JsValue.UNDEFINED) {
                    b.append(of(e));
                }
            }
            return b.toString();
        }
        if (v instanceof Map<?, ?>) {
            return "[object Object]";
        }
        throw new IllegalArgumentException("not a JS value: " + v.getClass());
    }
}
