package dev.htmxws.protocol.requests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.htmxws.dom.VirtualDom;
import dev.htmxws.protocol.Dialect;
import dev.htmxws.protocol.FormControls;
import dev.htmxws.protocol.incoming.IncomingMessages;
import dev.htmxws.protocol.outgoing.Htmx4Values;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jsoup.nodes.Element;

/**
 * Replays a recorded oracle case (src/test/resources/conformance) that issued htmx requests, driven by its
 * recording: the steps that change the page without a request (fills, pushed WebSocket messages, SSE events
 * swapped by an sse-swap element or, in htmx 4, unnamed) are applied in step order, and before each recorded
 * request the element that issued it (its HX-Trigger id, or htmx 4's HX-Source) builds its request, which is
 * answered by the case's routes and handled. Event dispatch is left to the recording: the requests an event
 * causes are in it.
 */
final class RecordedCase {
    static final Path CONFORMANCE = Path.of("src/test/resources/conformance");
    static final String PAGE_URL = "http://127.0.0.1:{port}/page.html";
    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    final JsonNode spec;
    final JsonNode result;
    final Dialect dialect;
    final VirtualDom dom;
    final Requests requests;
    final CaseRoutes routes;
    private int stepsDone = -1;

    /** One replayed request: the recording's entry, what htmxws built, what handling it did. */
    record Exchange(JsonNode recorded, Requests.Built built, Requests.Handled handled, List<FiredEvent> events) {
    }

    RecordedCase(String name) throws IOException {
        this.name = name;
        this.spec = JSON.readTree(CONFORMANCE.resolve("cases").resolve(name + ".json").toFile());
        this.result = JSON.readTree(CONFORMANCE.resolve("results").resolve(name + ".json").toFile());
        String d = spec.get("dialect").asText();
        this.dialect = d.startsWith("htmx1") ? Dialect.HTMX1 : d.equals("htmx4") ? Dialect.HTMX4 : Dialect.HTMX2;
        String page = spec.get("page").asText();
        if (!page.trim().startsWith("<body")) {
            page = "<body>" + page + "</body>";
        }
        this.dom = VirtualDom.parse("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + name + "</title>"
            + (spec.has("head") ? spec.get("head").asText() : "") + "</head>" + page + "</html>", PAGE_URL);
        boolean sse = dom.document().selectFirst("[hx-sse:connect], [data-hx-sse:connect]") != null;
        this.requests = new Requests(dialect, dialect == Dialect.HTMX4 && sse);
        this.routes = new CaseRoutes(spec.get("routes"));
    }

    /** Cases with at least one htmx request (not counting the SSE streams and their reconnects under /sse/). */
    static List<String> withRequests() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(CONFORMANCE.resolve("results"))) {
            for (Path p : files.sorted().toList()) {
                JsonNode r = JSON.readTree(p.toFile());
                for (JsonNode q : r.path("requests")) {
                    if (isHtmxRequest(q)) {
                        out.add(p.getFileName().toString().replace(".json", ""));
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static boolean isHtmxRequest(JsonNode rec) {
        return !rec.has("sse") && !rec.get("path").asText().startsWith("/sse/");
    }

    /** Plays the whole recording. */
    List<Exchange> play() {
        List<Exchange> out = new ArrayList<>();
        JsonNode recorded = result.get("requests");
        for (int i = 0; i < recorded.size(); i++) {
            JsonNode rec = recorded.get(i);
            if (!isHtmxRequest(rec)) {
                continue;
            }
            applySteps(rec.get("step").asInt());
            Element elt = issuer(rec);
            Requests.Built built = requests.build(elt, null, PAGE_URL);
            Requests.Handled handled = null;
            List<FiredEvent> events = new ArrayList<>();
            if (built.request() != null) {
                handled = requests.handle(dom, built, routes.answer(built.request(), i + 1), events::add);
            }
            out.add(new Exchange(rec, built, handled, events));
        }
        applySteps(spec.get("steps").size() - 1);
        return out;
    }

    /** The element that issued a recorded request: its HX-Trigger id, or htmx 4's HX-Source tag#id. */
    Element issuer(JsonNode rec) {
        JsonNode h = rec.get("headers");
        String id = h.has("hx-trigger") ? h.get("hx-trigger").asText()
            : h.get("hx-source").asText().substring(h.get("hx-source").asText().indexOf('#') + 1);
        List<Element> found = dom.byId(id);
        if (found.isEmpty()) {
            throw new AssertionError(name + ": no element #" + id + " to issue " + rec);
        }
        return found.get(0);
    }

    /** What htmxws built, in the recording's form: method, path, query, hx-* headers lower-cased, body. */
    static Map<String, Object> asRecorded(HttpRequest r) {
        Map<String, Object> out = new TreeMap<>();
        String rest = r.url().substring(r.url().indexOf("//") + 2);
        String pathAndQuery = rest.substring(rest.indexOf('/'));
        int q = pathAndQuery.indexOf('?');
        out.put("method", r.method());
        out.put("path", q < 0 ? pathAndQuery : pathAndQuery.substring(0, q));
        out.put("query", q < 0 ? "" : pathAndQuery.substring(q + 1));
        Map<String, String> hx = new TreeMap<>();
        r.headers().forEach((k, v) -> {
            if (k.toLowerCase(Locale.ROOT).startsWith("hx-") || k.equalsIgnoreCase("last-event-id")) {
                hx.put(k.toLowerCase(Locale.ROOT), v);
            }
        });
        out.put("headers", hx);
        out.put("body", r.body() == null ? "" : r.body());
        return out;
    }

    static Map<String, Object> asRecorded(JsonNode rec) {
        Map<String, Object> out = new TreeMap<>();
        out.put("method", rec.get("method").asText());
        out.put("path", rec.get("path").asText());
        out.put("query", rec.get("query").asText());
        Map<String, String> hx = new TreeMap<>();
        rec.get("headers").fields().forEachRemaining(e -> hx.put(e.getKey(), e.getValue().asText()));
        out.put("headers", hx);
        out.put("body", rec.get("body").asText());
        return out;
    }

    private void applySteps(int upTo) {
        JsonNode steps = spec.get("steps");
        while (stepsDone < upTo && stepsDone + 1 < steps.size()) {
            stepsDone++;
            JsonNode s = steps.get(stepsDone);
            if (s.has("fill")) {
                s.get("fill").fields().forEachRemaining(e -> {
                    for (Element field : dom.select("[name=" + e.getKey() + "]")) {
                        List<String> many = new ArrayList<>();
                        e.getValue().forEach(v -> many.add(v.asText()));
                        FormControls.set(field, e.getValue().isArray() ? many : e.getValue().asText());
                    }
                });
            } else if (s.has("server")) {
                Element connect = dom.document().selectFirst(dialect == Dialect.HTMX1 ? "[hx-ws^=connect]"
                    : "[ws-connect]");
                IncomingMessages in = new IncomingMessages(dialect);
                in.apply(in.plan(s.get("server").asText()), dom, connect);
            } else if (s.has("sse")) {
                sse(s.get("sse"));
            }
        }
    }

    /** An SSE event: htmx 4 swaps unnamed data into the connect element's target; htmx 1/2 sse-swap elements swap their event. */
    private void sse(JsonNode event) {
        String data = event.isTextual() ? event.asText() : event.path("data").asText();
        String type = event.isTextual() || !event.has("event") ? "message" : event.get("event").asText();
        if (dialect == Dialect.HTMX4) {
            Element connect = dom.document().selectFirst("[hx-sse:connect]");
            if (type.equals("message") && !event.has("event") && connect != null) {
                String sel = connect.attr("hx-target");
                Element target = sel.isEmpty() ? connect : Htmx4Values.resolveTarget(connect, sel);
                Swap.apply(dialect, dom, target, data, connect.hasAttr("hx-swap") ? connect.attr("hx-swap") : null,
                    null, null, false);
            }
            return;
        }
        for (Element e : dom.select("[sse-swap]")) {
            if (List.of(e.attr("sse-swap").split("\\s*,\\s*")).contains(type)) {
                String sel = e.attr("hx-target");
                Element target = sel.isEmpty() ? e : dom.select(sel).get(0);
                Swap.apply(dialect, dom, target, data, e.hasAttr("hx-swap") ? e.attr("hx-swap") : null, null, null,
                    true);
            }
        }
    }
}
