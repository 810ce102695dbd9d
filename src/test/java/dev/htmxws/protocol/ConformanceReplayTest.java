package dev.htmxws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.htmxws.dom.VirtualDom;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every recorded conformance case (src/test/resources/conformance: real htmx in headless Chromium,
 * recorded by the oracle) through the core and compares what the browser did: the frames it sent (byte for
 * byte, with their connection and step), how many connections it opened, how they closed, and the final
 * DOM in the oracle's normalisation. Time is virtual: each step settles like the oracle's (until expected
 * frames arrived, then 120 ms without activity, at most 4 s).
 */
class ConformanceReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long QUIET_MS = 120;
    private static final long STEP_MS = 10;

    @TestFactory
    Stream<DynamicTest> recordedCases() throws IOException, URISyntaxException {
        Path cases = Path.of(getClass().getResource("/conformance/cases").toURI());
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(cases)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String name = f.getFileName().toString().replace(".json", "");
                tests.add(DynamicTest.dynamicTest(name, () -> replay(name)));
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(60);
        return tests.stream();
    }

    private static JsonNode resource(String path) throws IOException {
        try (InputStream in = ConformanceReplayTest.class.getResourceAsStream(path)) {
            return JSON.readTree(in);
        }
    }

    private void replay(String name) throws IOException {
        JsonNode c = resource("/conformance/cases/" + name + ".json");
        JsonNode expected = resource("/conformance/results/" + name + ".json");
        String d = c.get("dialect").asText();
        Dialect dialect = switch (d) {
            case "htmx4" -> Dialect.HTMX4;
            case "htmx1", "htmx1ext" -> Dialect.HTMX1;
            default -> Dialect.HTMX2;
        };
        String url = "http://" + CaseServer.AUTHORITY + "/page.html" + c.path("url_suffix").asText("");
        VirtualDom dom = VirtualDom.parse(page(name, c, d), url);
        CaseServer server = new CaseServer(c.get("reply"), c.get("routes"));
        List<String> log = new ArrayList<>();
        HtmxPage page = new HtmxPage(dialect, dom, server, e -> log.add(e.toString()), () -> 0.5);
        server.attach(page);

        page.load();
        settle(page, server, 0, 0);
        JsonNode steps = c.get("steps");
        for (int i = 0; i < steps.size(); i++) {
            server.step = i;
            JsonNode s = steps.get(i);
            int before = server.sent.size();
            int requestsBefore = server.requests.size();
            play(s, page, server, dom);
            settle(page, server, s.path("expect_frames").asInt(0) - (server.sent.size() - before),
                s.path("expect_requests").asInt(0) - (server.requests.size() - requestsBefore));
        }

        String context = name + "\nevents:\n  " + String.join("\n  ", log);
        assertThat(frames(server)).as("frames of %s", context).isEqualTo(expectedFrames(expected));
        assertThat(server.connections).as("connections of %s", context).isEqualTo(expected.get("connections").asInt());
        assertThat(server.closes).as("closes of %s", context).isEqualTo(expectedCloses(expected));
        assertThat(server.requests).as("requests of %s", context).isEqualTo(expectedRequests(expected));
        assertThat(server.sseConnections()).as("event streams of %s", context)
            .isEqualTo(expected.path("sse_connections").asInt(0));
        assertThat(server.sseCloses).as("event stream ends of %s", context).isEqualTo(expectedSseCloses(expected));
        assertThat(dom.canonicalBody()).as("DOM of %s", context).isEqualTo(expected.get("dom").asText());
    }

    /** The page as the oracle serves it, with the scripts of its dialect. */
    private static String page(String name, JsonNode c, String dialect) {
        boolean sse = false;
        for (JsonNode x : c.path("extensions")) {
            sse |= x.asText().equals("sse");
        }
        String scripts = switch (dialect) {
            case "htmx1" -> script("/vendor/htmx1/htmx.js");
            case "htmx1ext" -> script("/vendor/htmx1/htmx.js") + script("/vendor/htmx1/ext/ws.js")
                + (sse ? script("/vendor/htmx1/ext/sse.js") : "");
            case "htmx4" -> script("/vendor/htmx4/htmx.js") + script("/vendor/htmx4/hx-ws.js")
                + (sse ? script("/vendor/htmx4/hx-sse.js") : "");
            default -> script("/vendor/htmx2/htmx.js") + script("/vendor/htmx2/ws.js")
                + (sse ? script("/vendor/htmx2/sse.js") : "");
        };
        String body = c.get("page").asText();
        if (!body.strip().startsWith("<body")) {
            body = "<body>" + body + "</body>";
        }
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + name + "</title>"
            + c.path("head").asText("") + scripts + "</head>" + body + "</html>";
    }

    private static String script(String src) {
        return "<script src=\"" + src + "\"></script>";
    }

    private static void play(JsonNode s, HtmxPage page, CaseServer server, VirtualDom dom) {
        Element root = dom.document().body();
        if (s.has("server")) {
            Integer conn = s.has("conn") ? s.get("conn").asInt() : null;
            if (s.get("server").isArray()) {
                s.get("server").forEach(t -> server.push(t.asText(), conn));
            } else {
                server.push(s.get("server").asText(), conn);
            }
        } else if (s.has("sse")) {
            List<JsonNode> events = new ArrayList<>();
            if (s.get("sse").isArray()) {
                s.get("sse").forEach(events::add);
            } else {
                events.add(s.get("sse"));
            }
            server.ssePush(events, s.has("conn") ? s.get("conn").asInt() : null);
        } else if (s.has("sse_comment")) {
            server.sseComment(s.get("sse_comment").asText(), s.has("conn") ? s.get("conn").asInt() : null);
        } else if (s.has("sse_close")) {
            if (s.path("hold").asBoolean(false)) {
                server.sseHolding = true;
            }
            server.sseEnd(s.has("conn") ? s.get("conn").asInt() : null);
        } else if (s.has("sse_hold")) {
            server.sseHolding = true;
        } else if (s.has("sse_release")) {
            int status = s.path("status").asInt(200);
            for (long t = 0; !server.sseRelease(status) && t < s.path("timeout_ms").asLong(5000); t += STEP_MS) {
                page.advance(STEP_MS);
                server.deliver();
            }
        } else if (s.has("await_sse_connections")) {
            int want = s.get("await_sse_connections").asInt();
            for (long t = 0; server.sseConnections() < want && t < s.path("timeout_ms").asLong(5000); t += STEP_MS) {
                page.advance(STEP_MS);
                server.deliver();
            }
        } else if (s.has("close")) {
            if (s.path("hold").asBoolean(false)) {
                server.holding = true;
            }
            server.serverClose(s.get("close").asInt());
        } else if (s.has("hold")) {
            server.holding = true;
        } else if (s.has("release")) {
            for (long t = 0; !server.release() && t < 5000; t += STEP_MS) {
                page.advance(STEP_MS);
                server.deliver();
            }
        } else if (s.has("wait_ms")) {
            advance(page, server, s.get("wait_ms").asLong());
        } else if (s.has("await_held")) {
            for (long t = 0; !server.hasHeld() && t < s.path("timeout_ms").asLong(5000); t += STEP_MS) {
                page.advance(STEP_MS);
                server.deliver();
            }
        } else if (s.has("await_connections")) {
            int want = s.get("await_connections").asInt();
            for (long t = 0; server.connections < want && t < s.path("timeout_ms").asLong(5000); t += STEP_MS) {
                page.advance(STEP_MS);
                server.deliver();
            }
        } else {
            UserActions user = page.user();
            Element scope = s.has("in") ? root.selectFirst(s.get("in").asText()) : null;
            if (s.has("submit")) {
                Element el = root.selectFirst(s.get("submit").asText());
                if (s.has("fill")) {
                    Element form = el.normalName().equals("form") ? el : FormControls.relatedForm(el);
                    user.fill(values(s.get("fill")), scope != null ? scope : form);
                }
                Element submitter = s.has("submitter") ? root.selectFirst(s.get("submitter").asText()) : null;
                user.submit(el, submitter);
            } else if (s.has("click")) {
                Element el = root.selectFirst(s.get("click").asText());
                if (s.has("fill")) {
                    user.fill(values(s.get("fill")), scope);
                }
                user.pointerClick(el);
            } else if (s.has("type")) {
                user.type(root.selectFirst(s.get("type").asText()), s.get("text").asText());
            } else if (s.has("press")) {
                user.press(root.selectFirst(s.get("press").asText()), s.get("key").asText());
            } else if (s.has("change")) {
                Element el = root.selectFirst(s.get("change").asText());
                user.change(el, s.has("value") ? value(s.get("value")) : null);
            } else if (s.has("fill")) {
                user.fill(values(s.get("fill")), scope);
            }
        }
        server.deliver();
    }

    private static Map<String, Object> values(JsonNode fill) {
        Map<String, Object> out = new LinkedHashMap<>();
        fill.fields().forEachRemaining(e -> out.put(e.getKey(), value(e.getValue())));
        return out;
    }

    private static Object value(JsonNode v) {
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isArray()) {
            List<String> l = new ArrayList<>();
            v.forEach(x -> l.add(x.asText()));
            return l;
        }
        return v.asText();
    }

    /**
     * Like the oracle: wait for the expected frames and requests (at most 3 s), then for 120 ms without activity (at
     * most 4 s).
     */
    private static void settle(HtmxPage page, CaseServer server, int missingFrames, int missingRequests) {
        server.deliver();
        int target = server.sent.size() + Math.max(0, missingFrames);
        int requests = server.requests.size() + Math.max(0, missingRequests);
        for (long t = 0; (server.sent.size() < target || server.requests.size() < requests) && t < 3000; t += STEP_MS) {
            page.advance(STEP_MS);
            server.deliver();
        }
        long quiet = 0;
        for (long t = 0; quiet < QUIET_MS && t < 4000; t += STEP_MS) {
            int before = server.activity;
            page.advance(STEP_MS);
            server.deliver();
            quiet = server.activity == before ? quiet + STEP_MS : 0;
        }
    }

    private static void advance(HtmxPage page, CaseServer server, long ms) {
        for (long t = 0; t < ms; t += STEP_MS) {
            page.advance(STEP_MS);
            server.deliver();
        }
    }

    private static List<CaseServer.Frame> frames(CaseServer server) {
        return server.sent;
    }

    private static List<CaseServer.Frame> expectedFrames(JsonNode result) {
        List<CaseServer.Frame> out = new ArrayList<>();
        result.get("sent").forEach(f -> out.add(new CaseServer.Frame(f.get("conn").asInt(), f.get("step").asInt(),
            f.get("raw").asText())));
        return out;
    }

    private static List<CaseServer.Request> expectedRequests(JsonNode result) {
        List<CaseServer.Request> out = new ArrayList<>();
        result.path("requests").forEach(r -> {
            Map<String, String> headers = new java.util.TreeMap<>();
            r.get("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            out.add(new CaseServer.Request(r.get("method").asText(), r.get("path").asText(), r.get("query").asText(),
                headers, r.get("body").asText(), r.get("step").asInt(), r.has("sse") ? r.get("sse").asInt() : null));
        });
        return out;
    }

    private static List<CaseServer.SseClose> expectedSseCloses(JsonNode result) {
        List<CaseServer.SseClose> out = new ArrayList<>();
        result.path("sse_closes").forEach(c -> out.add(new CaseServer.SseClose(c.get("conn").asInt(),
            c.get("by").asText())));
        return out;
    }

    private static List<CaseServer.Close> expectedCloses(JsonNode result) {
        List<CaseServer.Close> out = new ArrayList<>();
        result.get("closes").forEach(c -> out.add(new CaseServer.Close(c.get("conn").asInt(), c.get("by").asText(),
            c.get("code").asInt())));
        return out;
    }
}
