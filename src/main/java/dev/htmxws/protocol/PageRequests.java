package dev.htmxws.protocol;

import dev.htmxws.protocol.requests.FiredEvent;
import dev.htmxws.protocol.requests.HttpResponse;
import dev.htmxws.protocol.requests.Requests;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * The htmx requests of a page in flight (docs/spec/sse-and-requests.md §3): one at a time per element, as htmx's
 * default hx-sync does (htmx 1/2 keep the last trigger that came meanwhile and read the values when it runs; htmx 4
 * keeps the first, with the values of its trigger), the events the response fires, and the content it inserts,
 * processed when htmx settles it.
 */
final class PageRequests {

    /** A request waiting for its element's current one to end. */
    private record Waiting(Element submitter, Requests.Built built) {
    }

    private final HtmxPage page;
    private final Requests requests;
    private final Map<Integer, Requests.Built> inFlight = new HashMap<>();
    private final Map<Element, Integer> busy = new IdentityHashMap<>();
    private final Map<Element, ArrayDeque<Waiting>> queued = new IdentityHashMap<>();
    private int nextId = 1;

    PageRequests(HtmxPage page) {
        this.page = page;
        this.requests = new Requests(page.dialect(), page.dialect() == Dialect.HTMX4 && loadsSse(page));
    }

    /** htmx 4 pages that load ext/hx-sse.js (or use its attributes) ask for event streams in every request. */
    private static boolean loadsSse(HtmxPage page) {
        org.jsoup.nodes.Document doc = page.dom().document();
        return !doc.select("script[src*=hx-sse]").isEmpty()
            || !doc.select("[hx-sse:connect], [data-hx-sse:connect], [sse-connect]").isEmpty();
    }

    Requests model() {
        return requests;
    }

    void issue(Element e, Element submitter) {
        if (!HtmxPage.attached(e)) {
            return;
        }
        if (busy.containsKey(e)) {
            ArrayDeque<Waiting> q = queued.computeIfAbsent(e, k -> new ArrayDeque<>());
            if (page.dialect() == Dialect.HTMX4) {
                if (q.isEmpty()) {
                    q.add(new Waiting(submitter, requests.build(e, submitter, page.dom().url()))); // values now
                } else {
                    page.warn(new Warning("request-dropped", HtmxPage.describe(e) + ": a request is in flight and"
                        + " another waits (htmx 4's default hx-sync, queue first): this one is dropped"));
                }
            } else {
                q.clear(); // htmx 1/2 keep the last one only
                q.add(new Waiting(submitter, null));
            }
            return;
        }
        send(e, requests.build(e, submitter, page.dom().url()));
    }

    private void send(Element e, Requests.Built built) {
        built.warnings().forEach(page::warn);
        if (built.request() == null) {
            next(e);
            return;
        }
        int id = nextId++;
        inFlight.put(id, built);
        busy.put(e, id);
        page.emit(new PageEvent.RequestSent(id, built.request(), HtmxPage.describe(e)));
        page.transport().request(id, built.request());
    }

    void responded(int id, HttpResponse response) {
        Requests.Built built = inFlight.remove(id);
        if (built == null) {
            return;
        }
        handle(id, built, response);
        release(built.element(), id);
    }

    /** htmx 4: the answer to a stream's GET that was not an event stream, handled as an ordinary response. */
    void handleDirect(Requests.Built built, HttpResponse response) {
        handle(0, built, response);
    }

    private void handle(int id, Requests.Built built, HttpResponse response) {
        Requests.Handled h = requests.handle(page.dom(), built, response, this::fire);
        page.emit(new PageEvent.Responded(id, response.status(), h.applied(), h.warnings(), h.navigation()));
        if (h.location() != null) {
            page.dom().url(h.location()); // a history push: later requests name it in HX-Current-URL
        }
        if (h.stopPolling()) {
            page.triggers().stopPolling(built.element());
        }
        Runnable settle = () -> {
            page.processInserted(h.inserted());
            h.afterSettle().forEach(this::fire);
        };
        if (h.settleMillis() <= 0) {
            settle.run();
        } else {
            page.clock().schedule(h.settleMillis(), settle);
        }
        page.closeRemoved();
    }

    void failed(int id, String error) {
        Requests.Built built = inFlight.remove(id);
        if (built == null) {
            return;
        }
        page.emit(new PageEvent.RequestFailed(id, error));
        release(built.element(), id);
    }

    /** A response header's event, fired on its element and bubbling to the triggers that listen (from:body…). */
    private void fire(FiredEvent ev) {
        Element on = ev.on() != null && HtmxPage.attached(ev.on()) ? ev.on() : page.dom().document().body();
        Map<String, Object> detail = new LinkedHashMap<>();
        if (ev.detail() != null) {
            detail.put("detail", ev.detail());
        }
        page.dispatchEvent(on, ev.name(), detail);
    }

    private void release(Element e, int id) {
        if (busy.get(e) != null && busy.get(e) == id) {
            busy.remove(e);
        }
        next(e);
    }

    /** Runs the request that waited for this element, if any. */
    private void next(Element e) {
        ArrayDeque<Waiting> q = queued.get(e);
        if (q == null || q.isEmpty() || busy.containsKey(e)) {
            return;
        }
        Waiting w = q.poll();
        if (!HtmxPage.attached(e)) {
            return;
        }
        send(e, w.built() != null ? w.built() : requests.build(e, w.submitter(), page.dom().url()));
    }

    /** Requests still waiting for an answer. */
    List<Integer> pending() {
        return List.copyOf(inFlight.keySet());
    }
}
