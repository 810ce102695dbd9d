package dev.htmxws.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * htmx's trigger handling for send elements (and htmx 4 connect elements): which events reach which
 * element, and the once / changed / delay / throttle / filter / target / consume rules between the event and
 * the send. Also htmx 1/2's tracking of the last clicked submit button of each form.
 */
final class Triggers {

    /** What a trigger does when it fires. */
    enum Action {
        SEND, CONNECT, REQUEST, CONNECT_STREAM
    }

    /** One listener: a send element waiting for one trigger. */
    private final class Listening {
        final Element send;
        final TriggerSpec spec;
        final Connection wired;
        final Map<Element, String> lastValues = new IdentityHashMap<>();
        boolean triggeredOnce;
        VirtualClock.Cancellable delayed;
        long throttledUntil = -1;
        /** What the trigger does: send a frame, connect (htmx 4 connect elements), or issue an htmx request. */
        final Action action;

        Listening(Element send, TriggerSpec spec, Connection wired, Action action) {
            this.send = send;
            this.spec = spec;
            this.wired = wired;
            this.action = action;
        }

        void handle(DomEvent ev) {
            if (!HtmxPage.attached(send)) {
                return;
            }
            if (cancelsDefault(ev)) {
                ev.defaultPrevented = true;
            }
            if (spec.filter() != null) {
                Optional<Boolean> pass = EventFilter.evaluate(spec.filter(), ev.props);
                if (pass.isEmpty()) {
                    page.warn(new Warning("filter-not-evaluable", HtmxPage.describe(send) + ": trigger filter ["
                        + spec.filter() + "] needs a JavaScript engine; treated as false"));
                    return;
                }
                if (!pass.get()) {
                    return;
                }
            }
            if (!ev.handledFor.add(send)) {
                return;
            }
            if (spec.consume()) {
                ev.propagationStopped = true;
            }
            if (spec.target() != null && !targetMatches(ev.target, spec.target())) {
                return;
            }
            if (spec.once()) {
                if (triggeredOnce) {
                    return;
                }
                triggeredOnce = true;
            }
            if (spec.changed()) {
                String value = FormControls.value(ev.target);
                if (lastValues.containsKey(ev.target) && java.util.Objects.equals(lastValues.get(ev.target), value)) {
                    return;
                }
                lastValues.put(ev.target, value);
            }
            if (delayed != null) {
                delayed.cancel();
            }
            if (throttledUntil > page.clock().now()) {
                return;
            }
            Element submitter = submitterFor(ev);
            Runnable go = () -> run(ev, submitter);
            if (spec.delayMs() > 0) {
                delayed = page.clock().schedule(spec.delayMs(), go);
            } else {
                go.run();
            }
            if (spec.throttleMs() > 0) {
                throttledUntil = page.clock().now() + spec.throttleMs();
            }
        }

        void run(DomEvent ev, Element submitter) {
            switch (action) {
                case CONNECT -> page.connect(send, PageModel.connectUrl(page.dialect(), send));
                case SEND -> page.fire(send, wired, ev, submitter);
                case REQUEST -> page.issueRequest(send, submitter);
                case CONNECT_STREAM -> page.streams().connectH4(send);
            }
        }

        /** htmx cancels a form's submit, a click on a submit button of a form, and a link's navigation. */
        private boolean cancelsDefault(DomEvent ev) {
            if (ev.type.equals("submit") && send.normalName().equals("form")) {
                // htmx 1's core hx-ws cancels only after a successful send (HtmxPage#fire); its requests and its ws
                // extension go through htmx's trigger handler, which cancels at once
                return !(page.dialect() == Dialect.HTMX1 && action == Action.SEND && !PageModel.has(send, "ws-send"));
            }
            if (ev.type.equals("click")) {
                Element btn = send.closest("input[type=submit], button");
                if (btn != null && FormControls.isSubmitButton(btn) && FormControls.relatedForm(btn) != null) {
                    return true;
                }
                Element link = send.closest("a");
                return link != null && link.hasAttr("href") && !link.attr("href").matches("#.+");
            }
            return false;
        }

        private Element submitterFor(DomEvent ev) {
            if (page.dialect() == Dialect.HTMX4) {
                return ev.submitter; // only a submit event has one; htmx 4 adds a clicked button itself
            }
            if (send.normalName().equals("button") || FormControls.isSubmitButton(send)) {
                return send;
            }
            Element form = FormControls.relatedForm(send);
            return form == null ? null : lastButton.get(form);
        }
    }

    /** Elements htmx 2 processes (parsed once: checked for every ancestor of every swapped-in send element). */
    private static final Evaluator PROCESSED = QueryParser
        .parse("form, [type=submit], [hx-ext], [data-hx-ext], [hx-trigger],"
            + " [data-hx-trigger], [hx-get], [hx-post], [hx-put], [hx-delete], [hx-patch]");

    /** {@code target:CSS} of a trigger; a selector jsoup cannot parse (a server wrote it) matches nothing. */
    private static boolean targetMatches(Element target, String css) {
        try {
            return target.is(css);
        } catch (org.jsoup.select.Selector.SelectorParseException e) {
            return false;
        }
    }

    private final HtmxPage page;
    private final Map<Element, Map<String, List<Listening>>> listeners = new IdentityHashMap<>();
    private final List<Listening> documentListeners = new ArrayList<>();
    private final Map<Element, Element> lastButton = new IdentityHashMap<>();

    Triggers(HtmxPage page) {
        this.page = page;
    }

    /** Wires every send element at or under {@code root}; fires their load triggers and starts polling. */
    void wire(Element root) {
        for (Element send : PageModel.sendElements(page.dialect(), root)) {
            Connection wired = page.dialect() == Dialect.HTMX4 ? null : page.holderFor(send);
            if (wired == null && page.dialect() != Dialect.HTMX4) {
                page.warn(new Warning("no-socket-source", HtmxPage.describe(send)
                    + " sends through no socket (no connect element above it when htmx wired it); nothing will be sent"));
                continue;
            }
            for (TriggerSpec spec : TriggerSpec.forElement(page.dialect(), send)) {
                listen(send, spec, wired, Action.SEND, wiringCount(send));
            }
        }
    }

    /** htmx 4 connect elements with an hx-trigger other than load connect when it fires. */
    void wireConnectTriggers(Element root) {
        for (Element c : root.select(PageModel.HTMX4_CONNECT)) {
            String t = c.attr("hx-trigger");
            if (!t.isBlank() && !t.strip().startsWith("load")) {
                for (TriggerSpec spec : TriggerSpec.parse(t)) {
                    listen(c, spec, null, Action.CONNECT, 1);
                }
            }
        }
    }

    /**
     * Wires an element's htmx request to its triggers (its hx-trigger, or the default for its kind). htmx 1 hears
     * {@code sse:NAME} on the event stream itself and drops the modifiers and the triggers after them; htmx 2 hears
     * the DOM event {@code sse:NAME} its sse extension dispatches (docs/spec/sse-and-requests.md §3.2).
     */
    void wireRequest(Element e) {
        Dialect d = page.dialect();
        String explicit = d == Dialect.HTMX4 ? e.attr("hx-trigger") : PageModel.attr(e, "hx-trigger");
        if (explicit == null || explicit.isBlank()) {
            listen(e, TriggerSpec.of(TriggerSpec.defaultEvent(d, e)), null, Action.REQUEST, 1);
            return;
        }
        for (TriggerSpec spec : TriggerSpec.parse(explicit)) {
            if (d == Dialect.HTMX1 && spec.event().startsWith("sse:")) {
                page.streams().listenForRequest(e, spec.event().substring(4));
                if (!sseTriggerEndsAtComma(explicit, spec.event())) {
                    return; // htmx 1 stops parsing at the first modifier of an sse: trigger
                }
                continue;
            }
            listen(e, spec, null, Action.REQUEST, 1);
        }
    }

    /** htmx 4's hx-sse:connect: its own hx-trigger (not inherited), or load, connects it. */
    void wireStreamConnect(Element e) {
        String t = e.attr("hx-trigger");
        List<TriggerSpec> specs = t.isBlank() ? List.of(TriggerSpec.of("load")) : TriggerSpec.parse(t);
        for (TriggerSpec spec : specs) {
            listen(e, spec, null, Action.CONNECT_STREAM, 1);
        }
    }

    /** Whether, in htmx 1's hx-trigger value, the {@code sse:NAME} token is followed by a comma or the end. */
    private static boolean sseTriggerEndsAtComma(String value, String event) {
        int at = value.indexOf(event);
        if (at < 0) {
            return true;
        }
        String rest = value.substring(at + event.length()).stripLeading();
        return rest.isEmpty() || rest.startsWith(",");
    }

    private void listen(Element send, TriggerSpec spec, Connection wired, Action action, int copies) {
        switch (spec.event()) {
            case "load", "revealed", "intersect" -> {
                Listening l = new Listening(send, spec, wired, action);
                l.handle(new DomEvent(spec.event(), send, Map.of(), null));
            }
            case "every" -> {
                // htmx 2 wires a send element once per processing pass that reaches it: polling then doubles
                for (int i = 0; i < copies; i++) {
                    poll(new Listening(send, spec, wired, action));
                }
            }
            default -> {
                Listening l = new Listening(send, spec, wired, action);
                List<Element> from;
                try {
                    from = sources(send, spec);
                } catch (org.jsoup.select.Selector.SelectorParseException e) {
                    // a server's hx-trigger="click from:closest :::": htmx throws while wiring; nothing listens
                    page.warn(new Warning("selector-unsupported", HtmxPage.describe(send) + ": hx-trigger from:"
                        + spec.from() + " is not a selector htmxws can evaluate; this trigger listens to nothing"));
                    from = List.of();
                }
                for (Element on : from) {
                    if (on == null) {
                        documentListeners.add(l);
                    } else {
                        listeners.computeIfAbsent(on, k -> new HashMap<>())
                            .computeIfAbsent(spec.event(), k -> new ArrayList<>()).add(l);
                    }
                    if (spec.changed() && on != null) {
                        l.lastValues.put(on, FormControls.value(on));
                    }
                }
            }
        }
    }

    /** Elements whose {@code every} polling a response stopped (htmx 1/2: status 286). */
    private final java.util.Set<Element> stopped = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    void stopPolling(Element e) {
        stopped.add(e);
    }

    private void poll(Listening l) {
        page.clock().schedule(l.spec.everyMs(), () -> {
            if (HtmxPage.attached(l.send) && !stopped.contains(l.send)) {
                l.handle(new DomEvent("every", l.send, Map.of(), null));
                poll(l);
            }
        });
    }

    /** Elements whose events a trigger listens to: itself, or its {@code from:} (null = document). */
    private static List<Element> sources(Element send, TriggerSpec spec) {
        String from = spec.from();
        if (from == null) {
            return List.of(send);
        }
        List<Element> out = new ArrayList<>();
        switch (from) {
            case "document", "window" -> out.add(null);
            case "body" -> out.add(send.ownerDocument().body());
            default -> {
                if (from.startsWith("closest ")) {
                    Element c = send.closest(from.substring(8));
                    if (c != null) {
                        out.add(c);
                    }
                } else if (from.startsWith("find ")) {
                    Element f = send.selectFirst(from.substring(5));
                    if (f != null) {
                        out.add(f);
                    }
                } else if (from.startsWith("next")) {
                    Element n = send.nextElementSibling();
                    if (n != null) {
                        out.add(n);
                    }
                } else if (from.startsWith("previous")) {
                    Element p = send.previousElementSibling();
                    if (p != null) {
                        out.add(p);
                    }
                } else {
                    out.addAll(send.ownerDocument().select(from));
                }
            }
        }
        return out;
    }

    /** How many times htmx 2 wires a send element: once per processed, ws-active element at or above it. */
    private int wiringCount(Element send) {
        if (page.dialect() != Dialect.HTMX2) {
            return 1;
        }
        int n = 0;
        for (Element a = send; a != null; a = a.parent()) {
            boolean processed = a.is(PROCESSED);
            if (processed && PageModel.extensionActive(a, "ws")) {
                n++;
            }
        }
        return Math.max(1, n);
    }

    /** Dispatches an event from its target up through its ancestors, then to document listeners. */
    DomEvent dispatch(Element target, String type, Map<String, Object> props, Element submitter) {
        DomEvent ev = new DomEvent(type, target, props, submitter);
        for (Element n = target; n != null && !ev.propagationStopped; n = n.parent()) {
            trackButtons(n, ev);
            Map<String, List<Listening>> byType = listeners.get(n);
            if (byType != null) {
                for (Listening l : List.copyOf(byType.getOrDefault(type, List.of()))) {
                    l.handle(ev);
                }
            }
        }
        if (!ev.propagationStopped) {
            for (Listening l : List.copyOf(documentListeners)) {
                if (l.spec.event().equals(type)) {
                    l.handle(ev);
                }
            }
        }
        return ev;
    }

    /** htmx 1/2 remember the submit button last clicked or focused in each form, and forget it on focusout. */
    private void trackButtons(Element n, DomEvent ev) {
        if (page.dialect() == Dialect.HTMX4) {
            return;
        }
        boolean outsideButton = FormControls.isSubmitButton(n) && n.hasAttr("form");
        if (!n.normalName().equals("form") && !outsideButton) {
            return;
        }
        if (outsideButton) {
            n = FormControls.relatedForm(n);
            if (n == null) {
                return;
            }
        }
        if (ev.type.equals("click") || ev.type.equals("focusin")) {
            Element btn = ev.target.closest("button, input[type=submit]");
            if (btn == null) {
                lastButton.remove(n);
            } else {
                lastButton.put(n, btn);
            }
        } else if (ev.type.equals("focusout")) {
            lastButton.remove(n);
        }
    }
}
