package dev.htmxws.protocol.requests;

import dev.htmxws.dom.VirtualDom;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.incoming.H4Swap;
import dev.htmxws.protocol.incoming.SwapOutcome;
import dev.htmxws.protocol.js.Hcon;
import dev.htmxws.protocol.js.JsString;
import dev.htmxws.protocol.js.JsonText;
import dev.htmxws.protocol.outgoing.Attributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jsoup.nodes.Element;

/**
 * htmx 4 {@code #issueRequest} from the response on (docs/spec/sse-and-requests.md §3.6–§3.9): HX-Refresh,
 * HX-Redirect, HX-Location (no swap); HX-Retarget/Reswap/Reselect; a target that left the page stops it;
 * 204/304 swap "none" and {@code hx-status:*} attributes adjust the rest; 4xx/5xx are swapped like a 200; the
 * core swap (main first, then out-of-band, then partials); HX-Trigger last, after the swap, on the element or
 * what replaced it. HX-Trigger-After-Swap and -After-Settle do not exist in htmx 4.
 */
final class Htmx4Response {
    private static final Set<String> NO_SWAP = Set.of("204", "304");

    private final boolean sseExtension;
    private final List<Warning> warnings = new ArrayList<>();

    Htmx4Response(boolean sseExtension) {
        this.sseExtension = sseExtension;
    }

    Requests.Handled handle(VirtualDom dom, Requests.Built built, HttpResponse response, Consumer<FiredEvent> fire) {
        Element source = built.element();
        Map<String, String> hx = hxHeaders(response);
        int status = response.status();
        String navigation = navigation(hx);
        SwapOutcome outcome = null;
        String location = null;
        if (navigation == null && streamTakenOver(response)) {
            warnings.add(new Warning("event-stream", "the response is text/event-stream: the hx-sse extension takes it"
                + " over as a stream, nothing is swapped here"));
        } else if (navigation == null) {
            Swapping ctx = new Swapping(source, built.target());
            if (truthy(hx.get("retarget"))) {
                ctx.targetSelector = hx.get("retarget");
            }
            if (truthy(hx.get("reswap"))) {
                ctx.swap = hx.get("reswap");
            }
            if (truthy(hx.get("reselect"))) {
                ctx.select = hx.get("reselect");
            }
            if (ctx.targetSelector == null && ctx.preset != null && !dom.isLive(ctx.preset)) {
                warnings.add(new Warning("target-detached", "the target left the page before the response came:"
                    + " htmx 4 swaps nothing"));
            } else {
                statusCodes(ctx, source, status);
                location = History.htmx4(hx, source, built.request(), History.anchor(action(source)));
                outcome = H4Swap.apply(dom, source, response.body(), ctx.swap, ctx.select, ctx.selectOob, ctx.preset,
                    ctx.targetSelector, thisTargets(source));
                warnings.addAll(outcome.warnings());
                if (status >= 400 && !outcome.applied().isEmpty()) {
                    warnings.add(new Warning("error-swapped", "status " + status + ": htmx 4 swaps an error response"
                        + " like any other (htmx:response:error fires too); htmx 1/2 would not"));
                }
                if (!dom.isLive(source) && outcome.mainTarget() != null && dom.isLive(outcome.mainTarget())) {
                    source = outcome.mainTarget(); // HX-Trigger goes to what replaced the element
                }
            }
        }
        String trigger = hx.get("trigger");
        if (truthy(trigger)) {
            try {
                TriggerHeader.htmx4(trigger, source, dom).forEach(fire);
            } catch (TriggerHeader.Thrown t) {
                t.fired.forEach(fire);
                warnings.add(new Warning("trigger-error", t.getMessage()));
            }
        }
        return new Requests.Handled(outcome == null ? List.of() : outcome.applied(), warnings,
            outcome == null ? List.of() : outcome.inserted(), 0, List.of(), navigation,
            outcome == null ? null : outcome.title(), false, location);
    }

    /** What htmx 4 reads from the request context at swap time (hx-status may change it). */
    private static final class Swapping {
        Element preset;
        String targetSelector;
        String swap;
        String select;
        String selectOob;

        Swapping(Element source, Element preset) {
            this.preset = preset;
            String swapAttr = Attributes.h4(source, "hx-swap", null);
            this.swap = swapAttr != null ? swapAttr : "innerHTML";
            this.select = Attributes.h4(source, "hx-select", null);
            this.selectOob = Attributes.h4(source, "hx-select-oob", null);
        }
    }

    /** #handleStatusCodes: most specific first, 204/304 mean "none", an hx-status:* attribute merges its HCON. */
    private void statusCodes(Swapping ctx, Element source, int status) {
        String s = Integer.toString(status);
        for (String pattern : List.of(s, s.substring(0, 2) + "x", s.charAt(0) + "xx")) {
            if (NO_SWAP.contains(pattern)) {
                ctx.swap = "none";
                warnings.add(new Warning("no-content", "status " + status + ": htmx 4 swaps \"none\" (no main swap,"
                    + " no title; out-of-band elements still go in)"));
                return;
            }
            String value = Attributes.h4(source, "hx-status:" + pattern, null);
            if (value != null && !value.isEmpty()) {
                merge(ctx, Hcon.parse(value), pattern);
                return;
            }
        }
    }

    private void merge(Swapping ctx, Map<String, Object> values, String pattern) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String v = JsString.of(e.getValue());
            switch (e.getKey()) {
                case "swap" -> ctx.swap = v;
                case "target" -> ctx.targetSelector = v;
                case "select" -> ctx.select = v;
                case "selectOOB" -> ctx.selectOob = v;
                default -> warnings.add(new Warning("status-key-ignored", "hx-status:" + pattern + " key '" + e.getKey()
                    + "' is not modelled by htmxws"));
            }
        }
    }

    /** HX-Refresh first, then HX-Redirect, then HX-Location: each ends the handling without a swap. */
    private String navigation(Map<String, String> hx) {
        if ("true".equals(hx.get("refresh"))) {
            warnings.add(new Warning("navigation", "HX-Refresh: the browser would reload the page; a CLI only"
                + " reports it"));
            return "HX-Refresh: reload";
        }
        if (truthy(hx.get("redirect"))) {
            warnings.add(new Warning("navigation", "HX-Redirect: the browser would navigate to " + hx.get("redirect")
                + "; a CLI cannot follow it and only reports it"));
            return "HX-Redirect to " + hx.get("redirect");
        }
        String location = hx.get("location");
        if (truthy(location)) {
            String path = location;
            try {
                Map<String, Object> parsed = Hcon.parse(location);
                if (location.startsWith("{") || parsed.get("path") != null) {
                    path = JsString.of(parsed.get("path"));
                }
            } catch (JsonText.SyntaxError e) {
                warnings.add(new Warning("location-invalid-json", "HX-Location starts with '{' but is not JSON:"
                    + " htmx throws"));
            }
            warnings.add(new Warning("navigation", "HX-Location: htmx would issue a GET of " + path + " and push it"
                + " into history; a CLI only reports it"));
            return "HX-Location to " + path;
        }
        return null;
    }

    /** The sse extension takes over any response whose Content-Type says text/event-stream. */
    private boolean streamTakenOver(HttpResponse response) {
        String type = response.header("Content-Type");
        return sseExtension && type != null && type.toLowerCase(Locale.ROOT).contains("text/event-stream");
    }

    /** ctx.hx: every HX-* header by its name lower-cased without "hx-" and dashes, in Headers' sorted order. */
    private static Map<String, String> hxHeaders(HttpResponse response) {
        Map<String, String> byName = new TreeMap<>();
        for (String name : response.headers().keySet()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("hx-")) {
                byName.put(lower, response.header(name));
            }
        }
        Map<String, String> hx = new java.util.LinkedHashMap<>();
        byName.forEach((k, v) -> hx.put(k.substring(3).replace("-", ""), v));
        return hx;
    }

    /** The element's action, for its anchor (#createRequestContext keeps what follows '#'). */
    private static String action(Element source) {
        String action = Attributes.h4(source, "hx-action", null);
        if (action == null || action.isEmpty()) {
            for (String verb : Htmx4Request.VERBS) {
                action = Attributes.h4(source, "hx-" + verb, null);
                if (action != null) {
                    break;
                }
            }
        }
        return action;
    }

    /** #findThisElements(elt, "hx-target"): the elements whose hx-target names "this". */
    private static List<Element> thisTargets(Element source) {
        List<Element> out = new ArrayList<>();
        Attributes.h4(source, "hx-target", (val, el) -> {
            if (val != null && List.of(val.split("\\s*[,:]\\s*", -1)).contains("this")) {
                out.add(el);
            }
        });
        return out;
    }

    private static boolean truthy(String s) {
        return s != null && !s.isEmpty();
    }
}
