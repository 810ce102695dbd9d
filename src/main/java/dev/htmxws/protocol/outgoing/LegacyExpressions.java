package dev.htmxws.protocol.outgoing;

import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.js.Hcon;
import dev.htmxws.protocol.js.JsValue;
import dev.htmxws.protocol.js.JsonText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * htmx 1/2 {@code getValuesForElement} for hx-vals, hx-vars and hx-headers: walk from the element up, each
 * attribute value parsed as JSON (braces added when missing), a key written only while the collected
 * value is still {@code == null} (nearest wins, nulls get filled in place). JavaScript values
 * ({@code hx-vars}, {@code js:}/{@code javascript:}) cannot be evaluated here: they are dropped with a
 * warning instead of guessed.
 */
public final class LegacyExpressions {
    private LegacyExpressions() {
    }

    /** Result of a walk: {@code values} is null when the walk met "unset" (htmx then returns null). */
    public record Walk(Map<String, Object> values) {
    }

    public static Walk collect(Element elt, String attr, boolean evalAsDefault, Map<String, Object> into,
        List<Warning> warnings) {
        Map<String, Object> values = into != null ? into : new LinkedHashMap<>();
        for (Element e = elt; e != null; e = e.parent()) {
            String attributeValue = Attributes.legacy(e, attr);
            if (attributeValue == null || attributeValue.isEmpty()) {
                continue;
            }
            String str = Hcon.jsTrim(attributeValue);
            boolean evaluate = evalAsDefault;
            if (str.equals("unset")) {
                if (into == null && !values.isEmpty()) {
                    warnings.add(new Warning("unset-discards", attr + "=\"unset\" on " + Describe.of(e)
                        + " makes htmx drop every " + attr + " value collected below it too"));
                }
                return new Walk(null);
            }
            if (str.startsWith("javascript:")) {
                str = str.substring(11);
                evaluate = true;
            } else if (str.startsWith("js:")) {
                str = str.substring(3);
                evaluate = true;
            }
            if (evaluate) {
                warnings.add(new Warning("not-evaluable", attr + "=\"" + attributeValue + "\" on " + Describe.of(e)
                    + " is JavaScript, which htmxws cannot evaluate: its values are not sent"));
                continue;
            }
            if (!str.startsWith("{")) {
                str = "{" + str + "}";
            }
            Object parsed;
            try {
                parsed = JsonText.parse(str);
            } catch (JsonText.SyntaxError ex) {
                warnings.add(new Warning("invalid-json", attr + " on " + Describe.of(e)
                    + " is not valid JSON (" + ex.getMessage() + "); htmx ignores it"));
                continue;
            }
            if (!(parsed instanceof Map<?, ?> map)) {
                continue;
            }
            if (map.containsKey("hasOwnProperty")) {
                // varsValues.hasOwnProperty(key) is then not a function: htmx throws
                throw new Halt("js-error", attr + " on " + Describe.of(e)
                    + " has a key named hasOwnProperty: htmx throws a TypeError and sends nothing");
            }
            for (String key : JsonText.jsKeyOrder(map)) {
                if (key.equals("__proto__")) {
                    continue; // an own "__proto__" of JSON.parse never becomes data here
                }
                if (JsValue.isNullish(JsValue.get(values, key))) {
                    values.put(key, map.get(key));
                } else if (JsValue.OBJECT_PROTOTYPE.contains(key) && !values.containsKey(key)) {
                    warnings.add(new Warning("field-dropped", "key \"" + key + "\" of " + attr + " on "
                        + Describe.of(e) + " collides with Object.prototype: htmx never copies it"));
                }
            }
        }
        return new Walk(values);
    }

    /**
     * getExpressionVars: {@code mergeObjects(hx-vars, hx-vals)}; null when both walks ended in "unset" or
     * hx-vars did and hx-vals has nothing. A null hx-vars merged with hx-vals keys throws in htmx.
     */
    public static Map<String, Object> expressionVars(Element elt, List<Warning> warnings) {
        Map<String, Object> vars = collect(elt, "hx-vars", true, null, warnings).values();
        Map<String, Object> vals = collect(elt, "hx-vals", false, null, warnings).values();
        if (vars == null) {
            if (vals != null && !vals.isEmpty()) {
                throw new Halt("js-error", "hx-vars=\"unset\" above " + Describe.of(elt)
                    + " while hx-vals has values: htmx throws a TypeError (mergeObjects(null, …)) and sends nothing");
            }
            return null;
        }
        if (vals != null) {
            vars.putAll(vals);
        }
        return vars;
    }
}
