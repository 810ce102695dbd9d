package dev.htmxws.protocol.requests;

import dev.htmxws.dom.VirtualDom;
import dev.htmxws.protocol.Dialect;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.incoming.PlannedSwap;
import dev.htmxws.protocol.outgoing.Selectors;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jsoup.nodes.Element;

/**
 * The ordinary htmx requests (hx-get, hx-post, hx-put, hx-patch, hx-delete; htmx 4 also hx-action/hx-method and
 * hx-query) of one dialect, without a browser and without a connection (docs/spec/sse-and-requests.md §3):
 * {@link #build} says what htmx sends when an element's trigger fires, {@link #handle} does to the page what
 * htmx does with the response. Pure: it reads and changes a jsoup page; the caller does the I/O, the timing
 * (settle) and the dispatch of the events it is handed.
 */
public final class Requests {
    private final Dialect dialect;
    private final boolean sseExtension;

    public Requests(Dialect dialect) {
        this(dialect, false);
    }

    /**
     * @param sseExtension htmx 4 only: the page loads {@code ext/hx-sse.js}, which adds {@code text/event-stream}
     *                     to every request's Accept and takes over event-stream responses
     */
    public Requests(Dialect dialect, boolean sseExtension) {
        this.dialect = Objects.requireNonNull(dialect);
        this.sseExtension = sseExtension;
    }

    /** Whether e issues htmx requests (an hx-get/…; htmx 4 also hx-action, hx-query). */
    public static boolean isRequestElement(Dialect d, Element e) {
        if (d == Dialect.HTMX4) {
            for (String name : List.of("hx-action", "hx-get", "hx-post", "hx-put", "hx-patch", "hx-delete",
                "hx-query")) {
                if (e.hasAttr(name) || e.hasAttr("data-" + name)) {
                    return Selectors.closest(e, "[hx-ignore], [data-hx-ignore]") == null;
                }
            }
            return false;
        }
        for (String verb : LegacyRequest.VERBS) {
            if (e.hasAttr("hx-" + verb) || e.hasAttr("data-hx-" + verb)) {
                return Selectors.closest(e, "[hx-disable], [data-hx-disable]") == null;
            }
        }
        return false;
    }

    /**
     * The request htmx issues when e's trigger fires. {@code request()} is null when htmx sends nothing (target
     * not found in htmx 1/2, validation halted, another origin refused in htmx 2 and 4 …), with a warning saying why.
     *
     * @param submitter the clicked (htmx 1/2: last clicked) submit button of a form's submission, or null
     * @param pageUrl   location.href of the page
     */
    public Built build(Element e, Element submitter, String pageUrl) {
        Objects.requireNonNull(e, "e");
        return switch (dialect) {
            case HTMX1 -> new LegacyRequest(true).build(e, submitter, pageUrl);
            case HTMX2 -> new LegacyRequest(false).build(e, submitter, pageUrl);
            case HTMX4 -> new Htmx4Request(sseExtension).build(e, submitter, pageUrl);
        };
    }

    /**
     * htmx 4's {@code htmx.ajax(method, url, {source: e})}: the request of {@code e}'s context (its target, values,
     * headers) with this method and URL, as hx-sse:connect issues its stream's GET (docs/spec/sse-and-requests.md
     * §2.5).
     */
    public Built ajax(Element e, String method, String url, String pageUrl) {
        if (dialect != Dialect.HTMX4) {
            throw new IllegalStateException("htmx.ajax with a source element is modelled for htmx 4 only");
        }
        return new Htmx4Request(sseExtension).build(e, null, pageUrl, method, url);
    }

    /**
     * @param request  what is sent, or null when nothing is
     * @param element  the element whose request it is
     * @param target   where the response goes unless a header says otherwise (htmx 4: the element itself when
     *                 its hx-target matched nothing); null when htmx sends nothing because of it
     * @param warnings in the order met
     */
    public record Built(HttpRequest request, Element element, Element target, List<Warning> warnings) {
        public Built {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * What htmx does with the response: status rules, HX-* response headers, the swap. Events are handed to
     * {@code fire} at the moment htmx fires them (htmx 1/2: HX-Trigger before the swap, HX-Trigger-After-Swap
     * after it; htmx 4: HX-Trigger after the swap); HX-Trigger-After-Settle events are returned for the caller to
     * fire after settling.
     */
    public Handled handle(VirtualDom dom, Built built, HttpResponse response, Consumer<FiredEvent> fire) {
        Objects.requireNonNull(built.request(), "a request that was not sent has no response");
        return switch (dialect) {
            case HTMX1 -> new LegacyResponse(true).handle(dom, built, response, fire);
            case HTMX2 -> new LegacyResponse(false).handle(dom, built, response, fire);
            case HTMX4 -> new Htmx4Response(sseExtension).handle(dom, built, response, fire);
        };
    }

    /**
     * @param applied      the swaps made, out of band ones included, in the order made
     * @param warnings     what htmx did silently or surprisingly
     * @param inserted     new content roots for the caller to process as htmx does at settle (their triggers,
     *                     sockets, sse listeners)
     * @param settleMillis when to do so after the response: htmx 1/2's swap: plus settle: delay (20 ms by
     *                     default); htmx 4 processes new content as soon as it is in
     * @param afterSettle  HX-Trigger-After-Settle events, for the caller to fire after settling
     * @param navigation   non-null for HX-Redirect, HX-Refresh and HX-Location: what htmx would do, which a CLI
     *                     can only report ("HX-Redirect to /login")
     * @param title        the document title the response set (already set on the page), or null
     * @param stopPolling  htmx 1/2 and status 286: the element's {@code every} polling stops
     * @param location     the new location.href after a history push or replace (HX-Push-Url, hx-push-url …), or
     *                     null: later requests send it as HX-Current-URL and resolve relative paths against it
     */
    public record Handled(List<PlannedSwap> applied, List<Warning> warnings, List<Element> inserted,
        long settleMillis, List<FiredEvent> afterSettle, String navigation, String title, boolean stopPolling,
        String location) {
        public Handled {
            applied = List.copyOf(applied);
            warnings = List.copyOf(warnings);
            inserted = List.copyOf(inserted);
            afterSettle = List.copyOf(afterSettle);
        }
    }
}
