package dev.htmxws.protocol;

import java.util.Map;
import java.util.Optional;

/**
 * Evaluates the small JavaScript expressions people write in trigger filters ({@code [key=='Enter']},
 * {@code [ctrlKey && key=='Enter']}, {@code [!shiftKey]}) against an event's properties, without a JS
 * engine. Anything beyond comparisons of event properties with literals, !, && and || is "cannot tell".
 */
public final class EventFilter {

    private final String src;
    private final Map<String, Object> event;
    private int i;

    private EventFilter(String src, Map<String, Object> event) {
        this.src = src;
        this.event = event;
    }

    /** The filter's value for this event, or empty when the expression is beyond this evaluator. */
    public static Optional<Boolean> evaluate(String expression, Map<String, Object> event) {
        try {
            EventFilter f = new EventFilter(expression, event);
            Object v = f.or();
            f.space();
            if (f.i != f.src.length()) {
                return Optional.empty();
            }
            return Optional.of(truthy(v));
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    private Object or() {
        Object left = and();
        while (eat("||")) {
            Object right = and();
            left = truthy(left) ? left : right;
        }
        return left;
    }

    private Object and() {
        Object left = comparison();
        while (eat("&&")) {
            Object right = comparison();
            left = truthy(left) ? right : left;
        }
        return left;
    }

    private Object comparison() {
        Object left = unary();
        for (String op : new String[] {"===", "!==", "==", "!="}) {
            if (eat(op)) {
                Object right = unary();
                boolean eq = String.valueOf(left).equals(String.valueOf(right));
                return op.startsWith("=") == eq;
            }
        }
        return left;
    }

    private Object unary() {
        if (eat("!")) {
            return !truthy(unary());
        }
        if (eat("(")) {
            Object v = or();
            if (!eat(")")) {
                throw new IllegalStateException();
            }
            return v;
        }
        return primary();
    }

    private Object primary() {
        space();
        if (i >= src.length()) {
            throw new IllegalStateException();
        }
        char c = src.charAt(i);
        if (c == '\'' || c == '"') {
            int end = src.indexOf(c, i + 1);
            if (end < 0) {
                throw new IllegalStateException();
            }
            String s = src.substring(i + 1, end);
            i = end + 1;
            return s;
        }
        int start = i;
        while (i < src.length()
            && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '.' || src.charAt(i) == '_')) {
            i++;
        }
        String word = src.substring(start, i);
        if (word.isEmpty()) {
            throw new IllegalStateException();
        }
        if (word.equals("true") || word.equals("false")) {
            return Boolean.parseBoolean(word);
        }
        if (Character.isDigit(word.charAt(0))) {
            return word;
        }
        String key = word.startsWith("event.") ? word.substring(6) : word;
        if (!event.containsKey(key)) {
            throw new IllegalStateException(); // not an event property we know: cannot tell
        }
        Object v = event.get(key);
        return v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? Long.toString(n.longValue())
            : v;
    }

    private boolean eat(String token) {
        space();
        if (src.startsWith(token, i)) {
            if (token.equals("!") && src.startsWith("!=", i)) {
                return false;
            }
            i += token.length();
            return true;
        }
        return false;
    }

    private void space() {
        while (i < src.length() && Character.isWhitespace(src.charAt(i))) {
            i++;
        }
    }

    private static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString();
        return !s.isEmpty() && !s.equals("0");
    }
}
