package dev.htmxws.protocol.requests;

import dev.htmxws.dom.VirtualDom;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.incoming.LegacySwap;
import dev.htmxws.protocol.incoming.LegacySwapSpec;
import dev.htmxws.protocol.incoming.PlannedSwap;
import dev.htmxws.protocol.incoming.SwapOutcome;
import dev.htmxws.protocol.js.JsString;
import dev.htmxws.protocol.js.JsValue;
import dev.htmxws.protocol.js.JsonText;
import dev.htmxws.protocol.outgoing.Attributes;
import dev.htmxws.protocol.outgoing.Describe;
import dev.htmxws.protocol.outgoing.Selectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * htmx 1/2 {@code handleAjaxResponse} (docs/spec/sse-and-requests.md §3.6–§3.9): HX-Trigger first, then
 * HX-Location, HX-Redirect, HX-Refresh (no swap), HX-Retarget, the status decision (200–399 but 204 in htmx 1;
 * 2xx/3xx but 204 in htmx 2), history, and the swap with HX-Reswap/HX-Reselect, followed by
 * HX-Trigger-After-Swap; HX-Trigger-After-Settle waits for the settle.
 */
final class LegacyResponse {
    private final boolean h1;
    private final List<Warning> warnings = new ArrayList<>();
    private final List<FiredEvent> afterSettle = new ArrayList<>();

    LegacyResponse(boolean h1) {
        this.h1 = h1;
    }

    Requests.Handled handle(VirtualDom dom, Requests.Built built, HttpResponse response, Consumer<FiredEvent> fire) {
        Element elt = built.element();
        Element target = built.target();
        int status = response.status();
        String trigger = response.header("HX-Trigger");
        if (trigger != null && !fireAll("HX-Trigger", trigger, elt, dom, fire)) {
            return done(List.of(), List.of(), 0, null, null, false, null);
        }
        String location = response.header("HX-Location");
        if (location != null) {
            String path = location;
            if (location.startsWith("{")) {
                Object spec;
                try {
                    spec = JsonText.parse(location);
                } catch (JsonText.SyntaxError e) {
                    spec = null; // htmx's parseJSON logs and gives null, whose path then throws
                }
                if (!(spec instanceof Map<?, ?> m)) {
                    warnings.add(new Warning("location-invalid-json", "HX-Location starts with '{' but is not a JSON"
                        + " object: htmx throws reading its path (htmx:onLoadError) and does nothing"));
                    lockStuck(elt);
                    return done(List.of(), List.of(), 0, null, null, false, null);
                }
                path = JsString.of(m.containsKey("path") ? m.get("path") : JsValue.UNDEFINED);
            }
            return navigate("HX-Location to " + path, "HX-Location: htmx would issue a GET of " + path
                + " into the body and push it into history; a CLI only reports it");
        }
        boolean refresh = "true".equals(response.header("HX-Refresh"));
        String redirect = response.header("HX-Redirect");
        if (redirect != null) {
            return navigate("HX-Redirect to " + redirect + (refresh ? ", then reload" : ""), "HX-Redirect: the browser"
                + " would navigate to " + redirect + "; a CLI cannot follow it and only reports it");
        }
        if (refresh) {
            return navigate("HX-Refresh: reload",
                "HX-Refresh: the browser would reload the page; a CLI only reports it");
        }
        String retarget = response.header("HX-Retarget");
        if (retarget != null) {
            target = retarget(elt, retarget);
            if (target == null) {
                lockStuck(elt);
                return done(List.of(), List.of(), 0, null, null, false, null);
            }
        }
        // htmx 1's 200-399 but 204 and htmx 2's responseHandling (204 no, [23].. yes, [45].. error) agree here
        boolean swap = status >= 200 && status < 400 && status != 204;
        boolean error = status >= 400 && (h1 || status < 600);
        if (!swap) {
            if (error) {
                warnings.add(new Warning("error-not-swapped", "status " + status + ": htmx " + (h1 ? 1 : 2)
                    + " does not swap an error response (htmx:responseError); the page is unchanged"));
            } else if (status == 204) {
                warnings.add(new Warning("no-content", "status 204: nothing is swapped"));
            } else {
                warnings.add(new Warning("status-not-swapped", "status " + status + ": htmx " + (h1 ? 1 : 2)
                    + " swaps nothing"));
            }
            return done(List.of(), List.of(), 0, null, null, false, null);
        }
        String newLocation = History.legacy(response, elt, built.request());
        String reswap = response.header("HX-Reswap");
        LegacySwapSpec spec = LegacySwapSpec.parse(reswap != null && !reswap.isEmpty() ? reswap
            : Attributes.closestLegacy(elt, "hx-swap"));
        if (spec.swapDelay() > 0) {
            warnings.add(new Warning("swap-delay", "swap:" + spec.swapDelay() + "ms: htmx swaps after that delay;"
                + " htmxws swaps at once and counts the delay in the settle time"));
        }
        if (target instanceof Document) {
            warnings.add(new Warning("js-error", "the target is the document: htmx 1 throws on the swap"
                + " (htmx:swapError) and nothing is swapped"));
            lockStuck(elt);
            return done(List.of(), List.of(), 0, null, newLocation, status == 286, null);
        }
        SwapOutcome outcome = LegacySwap.apply(h1, dom, target, response.body(), spec, select(elt, response),
            Attributes.closestLegacy(elt, "hx-select-oob"), true);
        warnings.addAll(outcome.warnings());
        if (outcome.aborted()) {
            lockStuck(elt);
            return done(outcome.applied(), List.of(), 0, null, newLocation, status == 286, null);
        }
        Element after = dom.isLive(elt) ? elt : dom.body(); // the element, or body once the swap removed it
        String afterSwap = response.header("HX-Trigger-After-Swap");
        if (afterSwap != null && !fireAll("HX-Trigger-After-Swap", afterSwap, after, dom, fire)) {
            return done(outcome.applied(), List.of(), 0, null, newLocation, status == 286, null);
        }
        String afterSettleHeader = response.header("HX-Trigger-After-Settle");
        if (afterSettleHeader != null) {
            try {
                afterSettle.addAll(TriggerHeader.legacy(h1, "HX-Trigger-After-Settle", afterSettleHeader, after, dom,
                    warnings));
            } catch (TriggerHeader.Thrown t) {
                afterSettle.addAll(t.fired);
                warnings.add(new Warning("trigger-error", t.getMessage()));
            }
        }
        return done(outcome.applied(), outcome.inserted(), spec.swapDelay() + spec.settleDelay(), outcome.title(),
            newLocation, status == 286, null);
    }

    /** The hx-select in force: HX-Reselect over hx-select (htmx 2: "unset" turns selection off). */
    private String select(Element elt, HttpResponse response) {
        String reselect = response.header("HX-Reselect");
        if (h1) {
            return reselect != null && !reselect.isEmpty() ? reselect : Attributes.closestLegacy(elt, "hx-select");
        }
        if ("unset".equals(reselect)) {
            return null;
        }
        return reselect != null && !reselect.isEmpty() ? reselect : Attributes.closestLegacy(elt, "hx-select");
    }

    /** HX-Retarget: "this" is the element; otherwise the first match, or null after warning (htmx throws). */
    private Element retarget(Element elt, String selector) {
        if (selector.equals("this")) {
            return elt;
        }
        List<Object> found;
        try {
            found = Selectors.h2All(elt, selector);
        } catch (Selectors.BadSelector b) {
            found = List.of();
        }
        Object first = found.isEmpty() ? null : found.get(0);
        if (first instanceof Element e && !(first instanceof Document)) {
            return e;
        }
        warnings.add(new Warning("retarget-not-found", "HX-Retarget '" + selector + "' matches no element: htmx "
            + (h1 ? "1 throws (htmx:onLoadError)" : "2 raises htmx:targetError and throws") + ", nothing is swapped"));
        return null;
    }

    /** Fires a header's events now; false when htmx threw part way (the rest of the response is not handled). */
    private boolean fireAll(String header, String value, Element on, VirtualDom dom, Consumer<FiredEvent> fire) {
        try {
            TriggerHeader.legacy(h1, header, value, on, dom, warnings).forEach(fire);
            return true;
        } catch (TriggerHeader.Thrown t) {
            t.fired.forEach(fire);
            warnings.add(new Warning("trigger-error", t.getMessage()));
            return false;
        }
    }

    /** htmx 1 releases an element's request lock only when its response handling ends without a throw. */
    private void lockStuck(Element elt) {
        if (h1) {
            warnings.add(new Warning("request-lock-stuck", "htmx 1 threw while handling the response of "
                + Describe.of(elt) + ": it never releases that element's request lock, so its later requests queue"
                + " and are never sent"));
        }
    }

    private Requests.Handled navigate(String navigation, String message) {
        warnings.add(new Warning("navigation", message));
        return done(List.of(), List.of(), 0, null, null, false, navigation);
    }

    private Requests.Handled done(List<PlannedSwap> applied, List<Element> inserted, long settle, String title,
        String location, boolean stopPolling, String navigation) {
        return new Requests.Handled(applied, warnings, inserted, settle, afterSettle, navigation, title, stopPolling,
            location);
    }
}
