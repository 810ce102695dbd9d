package dev.htmxws.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The oracle's reply rules (its README, "Reply rules"): what a case's server answers to each client frame,
 * with {key} placeholders from the frame HTML-escaped. Used by the simulated server of the replay test and
 * by real in-process servers in end-to-end tests.
 */
public final class ReplyRules {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([$A-Za-z0-9_.\\-]+)}");

    private final JsonNode reply;

    public ReplyRules(JsonNode reply) {
        this.reply = reply;
    }

    public List<String> answers(String raw, int conn, int n) {
        if (reply == null || reply.isNull()) {
            return List.of();
        }
        JsonNode frame = parse(raw);
        List<JsonNode> rules = new ArrayList<>();
        if (reply.isArray()) {
            reply.forEach(rules::add);
        } else {
            rules.add(reply);
        }
        for (JsonNode rule : rules) {
            JsonNode send;
            if (rule.isTextual()) {
                send = rule;
            } else {
                if (!matches(rule.get("when"), frame)) {
                    continue;
                }
                send = rule.get("send");
            }
            List<String> out = new ArrayList<>();
            if (send.isArray()) {
                send.forEach(t -> out.add(fill(t.asText(), frame, raw, conn, n)));
            } else {
                out.add(fill(send.asText(), frame, raw, conn, n));
            }
            return out;
        }
        return List.of();
    }

    private static boolean matches(JsonNode when, JsonNode frame) {
        if (when == null) {
            return true;
        }
        var it = when.fields();
        while (it.hasNext()) {
            var e = it.next();
            JsonNode v = walk(frame, e.getKey());
            if (v == null || !asString(v).equals(e.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    /** A route's body template filled from a request's fields (its query and form values, as the oracle reads them). */
    public static String fillRoute(String template, JsonNode fields, String raw, int n) {
        return fill(template, fields, raw, 0, n);
    }

    private static String fill(String template, JsonNode frame, String raw, int conn, int n) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String v = switch (key) {
                case "$raw" -> raw;
                case "$conn" -> conn == 0 ? "" : Integer.toString(conn);
                case "$n" -> Integer.toString(n);
                default -> {
                    JsonNode node = walk(frame, key);
                    yield node == null || node.isMissingNode() ? "" : asString(node);
                }
            };
            m.appendReplacement(b, Matcher.quoteReplacement(escape(v)));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static JsonNode walk(JsonNode frame, String path) {
        JsonNode cur = frame;
        for (String part : path.split("\\.")) {
            if (cur == null || !cur.isObject()) {
                return null;
            }
            cur = cur.get(part);
        }
        return cur;
    }

    /** Strings as they are, arrays joined with commas, anything else as JSON. */
    private static String asString(JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(asString(x)));
            return String.join(",", parts);
        }
        return v.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static JsonNode parse(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (Exception e) {
            return JSON.nullNode();
        }
    }
}
