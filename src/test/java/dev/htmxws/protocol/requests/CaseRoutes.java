package dev.htmxws.protocol.requests;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test stand-in for the oracle's case server routes (oracle lib/case.js, "HTTP routes"): the answer to
 * "METHOD /path" is its template with {field} placeholders from the request's query and form body
 * (HTML-escaped, a repeated name joined with commas) and {$n} the 1-based index of the request over the run;
 * an unknown route is an empty 404.
 */
public final class CaseRoutes {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\$raw|\\$conn|\\$n|[A-Za-z0-9_.:\\-\\[\\]]+)}");

    private final JsonNode routes;

    public CaseRoutes(JsonNode routes) {
        this.routes = routes;
    }

    public HttpResponse answer(HttpRequest request, int n) {
        String url = request.url();
        String rest = url.substring(url.indexOf("//") + 2);
        String pathAndQuery = rest.substring(rest.indexOf('/'));
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        String query = pathAndQuery.contains("?") ? pathAndQuery.substring(pathAndQuery.indexOf('?') + 1) : "";
        JsonNode route = routes == null ? null : routes.get(request.method() + " " + path);
        if (route == null) {
            return HttpResponse.of(404, Map.of("content-type", "text/plain; charset=utf-8"), "");
        }
        int status = route.isTextual() || !route.has("status") ? 200 : route.get("status").asInt();
        String template = route.isTextual() ? route.asText() : route.path("body").asText("");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "text/html; charset=utf-8");
        if (route.has("headers")) {
            route.get("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        add(fields, query);
        String type = request.header("Content-Type");
        if (request.body() != null && type != null && type.startsWith("application/x-www-form-urlencoded")) {
            add(fields, request.body());
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder body = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String v = switch (key) {
                case "$n" -> Integer.toString(n);
                case "$conn" -> "";
                case "$raw" -> escape(request.body() == null ? "" : request.body());
                default -> escape(String.join(",", fields.getOrDefault(key, List.of())));
            };
            m.appendReplacement(body, Matcher.quoteReplacement(v));
        }
        m.appendTail(body);
        return HttpResponse.of(status, headers, body.toString());
    }

    private static void add(Map<String, List<String>> fields, String encoded) {
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
