package dev.htmxws.protocol.incoming;

import dev.htmxws.dom.JsText;
import dev.htmxws.dom.UniqueSelector;
import dev.htmxws.dom.VirtualDom;
import dev.htmxws.protocol.Dialect;
import dev.htmxws.protocol.HtmxSelectors;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.js.Hcon;
import dev.htmxws.protocol.js.JsonText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * htmx 4 message handling (docs/spec/protocol.md §2.4): JSON envelope or raw HTML, then the core swap: OOB tasks
 * (any depth, HCON modifiers), partials, and a main swap into the connect element — performed main
 * first, then OOB, then partials, with every target resolved before anything is inserted.
 */
final class H4Messages {
    private static final Pattern SWAP_EMPTY = Pattern.compile("(?:^|\\s)swapEmpty(?::(?:true|false))?(?=\\s|$)");
    private static final Pattern STYLE_SELECTOR = Pattern.compile("^(\\S+):(.+)");
    private static final java.util.Set<String> CSS_ATTRS = java.util.Set.of("class", "style", "width", "height");
    private static final java.util.Set<String> KNOWN_STYLES = java.util.Set.of("innerHTML", "outerHTML",
        "textContent", "beforebegin", "afterbegin", "beforeend", "afterend", "delete", "none", "innerMorph",
        "outerMorph", "outerSync");

    /** A swap task: {@code content} holds the nodes to insert; {@code target} null = unresolved or none. */
    private static final class Task {
        final String kind;
        final Element content;
        final String targetText;
        final Element target;
        /** Where the swap ended up (#insertContent's task.target): the new element of an outerHTML. */
        Element result;
        final SwapSpec spec;

        Task(String kind, Element content, String targetText, Element target, SwapSpec spec) {
            this.kind = kind;
            this.content = content;
            this.targetText = targetText;
            this.target = target;
            this.spec = spec;
        }
    }

    SwapPlan plan(String text) {
        List<Warning> warnings = new ArrayList<>();
        ParsedMessage parsed = classify(text, warnings);
        if (parsed.html == null) {
            return new SwapPlan(Dialect.HTMX4, List.of(), warnings, null, false, parsed);
        }
        Run run = Run.forMessage(parsed, null, null, warnings);
        List<PlannedSwap> swaps = new ArrayList<>();
        boolean aborts = false;
        try {
            for (Task t : run.build()) {
                swaps.add(new PlannedSwap(t.targetText, t.spec.style(), payloadHtml(t)));
            }
        } catch (Targets.SelectorError e) {
            aborts = true;
            warnings.add(new Warning("swap-error", e.getMessage() + " (htmx:ws:error; nothing is swapped)"));
        } catch (JsonText.SyntaxError e) {
            aborts = true;
            warnings.add(badSwapJson(e, "htmx:ws:error"));
        } catch (CopyBudget.Exceeded e) {
            aborts = true;
            swaps.clear();
            warnings.add(e.warning("htmxws swaps none of it"));
        }
        return new SwapPlan(Dialect.HTMX4, swaps, warnings, run.title, aborts, parsed);
    }

    ApplyResult apply(SwapPlan plan, VirtualDom dom, Element connect) {
        List<Warning> warnings = new ArrayList<>();
        for (Warning w : plan.warnings()) { // the rest is found again, against the page, below
            if (w.code().startsWith("json-")) {
                warnings.add(w);
            }
        }
        if (connect == null || !dom.isLive(connect)) {
            warnings.add(new Warning("connect-removed",
                "the connect element is not in the page: the message is ignored and the connection cleaned up"));
            return new ApplyResult(List.of(), warnings, false, List.of(), true);
        }
        if (plan.parsed().html == null) {
            return new ApplyResult(List.of(), warnings, false, List.of(), false);
        }
        Run run = Run.forMessage(plan.parsed(), dom, connect, warnings);
        SwapOutcome outcome = perform(run);
        return new ApplyResult(outcome.applied(), warnings, outcome.aborted(), outcome.inserted(),
            !dom.isLive(connect));
    }

    /**
     * The core swap (h4 › swap(ctx)) of an HTTP response or an SSE event: tasks built and inserted as for a message,
     * against {@code source} (the element whose request or stream it is).
     *
     * @param presetTarget the target resolved before the request (null: the source itself)
     * @param targetSelector a target to resolve at swap time (HX-Retarget), or null
     * @param thisTargets what {@code this} in {@code targetSelector} means (the elements declaring it in hx-target)
     */
    static SwapOutcome swap(VirtualDom dom, Element source, String text, String swap, String select, String selectOob,
        Element presetTarget, String targetSelector, List<Element> thisTargets, List<Warning> warnings) {
        Run run = new Run(text, dom, source, swap, select, selectOob, targetSelector, presetTarget, thisTargets,
            false, warnings);
        return perform(run);
    }

    /** Builds the tasks, inserts them, and sets the title unless a swap failed or the swap is exactly "none". */
    private static SwapOutcome perform(Run run) {
        List<Warning> warnings = run.warnings;
        VirtualDom dom = run.dom;
        String event = run.ws ? "htmx:ws:error" : "htmx:error";
        List<PlannedSwap> applied = new ArrayList<>();
        List<Task> tasks;
        try {
            tasks = run.build();
        } catch (Targets.SelectorError e) {
            warnings.add(new Warning("swap-error", e.getMessage() + " (" + event + "; nothing is swapped)"));
            return new SwapOutcome(List.of(), warnings, true, List.of(), null, null);
        } catch (JsonText.SyntaxError e) {
            warnings.add(badSwapJson(e, event));
            return new SwapOutcome(List.of(), warnings, true, List.of(), null, null);
        } catch (CopyBudget.Exceeded e) {
            warnings.add(e.warning("htmxws swaps none of it"));
            return new SwapOutcome(List.of(), warnings, true, List.of(), null, null);
        }
        boolean failed = false;
        Element mainTarget = null;
        for (Task t : insertionOrder(tasks)) {
            String html = payloadHtml(t);
            try {
                String target = UniqueSelector.of(dom, t.target); // named before the swap replaces it
                if (run.insert(t)) {
                    applied.add(new PlannedSwap(target, t.spec.style(), html));
                }
                if (t.kind.equals("main")) {
                    mainTarget = t.result != null ? t.result : t.target;
                }
            } catch (UnknownStyle e) {
                failed = true;
                warnings.add(new Warning("unknown-swap-style", "Unknown swap style: " + e.getMessage()
                    + " (" + event + "; this swap does nothing, the others still happen)"));
            } catch (SwapThrows e) {
                failed = true;
                warnings.add(new Warning("swap-error", e.getMessage()
                    + " (" + event + "; this swap does nothing, the others still happen)"));
            }
        }
        String title = null;
        if (!failed && run.title != null && !run.swap.equals("none")) {
            title = run.title; // a ws message or SSE event never has exactly 'none': swapEmpty:false is appended
            Titles.set(dom, title);
        }
        List<Element> inserted = new ArrayList<>();
        for (Element e : run.inserted) {
            if (dom.isLive(e)) {
                inserted.add(e);
            }
        }
        return new SwapOutcome(applied, warnings, failed, inserted, title, mainTarget);
    }

    /**
     * Tasks start in order and insert synchronously, except those with a {@code swap:} delay, which
     * insert after an await: zero delays after all others, positive ones by delay.
     */
    private static List<Task> insertionOrder(List<Task> tasks) {
        List<Task> out = new ArrayList<>(tasks);
        // List.sort is stable: equal keys keep the task order (main, OOB, partials)
        out.sort(Comparator.comparingInt((Task t) -> Hcon.truthy(t.spec.get("swap")) ? 1 : 0)
            .thenComparingDouble(t -> Hcon.truthy(t.spec.get("swap")) ? Hcon.intervalMs(t.spec.get("swap")) : 0));
        return out;
    }

    /** A swap spec's modifiers that start with '{' are JSON to htmx: when they are not, JSON.parse throws. */
    private static Warning badSwapJson(JsonText.SyntaxError e, String event) {
        return new Warning("swap-error", "an hx-swap or hx-swap-oob value has modifiers starting with '{' that are not"
            + " valid JSON (" + e.getMessage() + ") (" + event + "; nothing is swapped)");
    }

    private static String payloadHtml(Task t) {
        return Nodes.html(stripped(t.content.clone(), t.spec, t.target).childNodes());
    }

    /**
     * ws4 › handleMessage classification: JSON with content/payload, data-only JSON, or raw HTML. What is JSON is
     * decided as {@code JSON.parse} decides it ({@code {"content":"x"} trailing} is raw HTML).
     */
    private static ParsedMessage classify(String text, List<Warning> warnings) {
        Object json;
        try {
            json = JsonText.parse(text);
        } catch (JsonText.SyntaxError notJson) {
            return ParsedMessage.h4(text, null, null, null);
        }
        if (json instanceof Map<?, ?> m && (m.containsKey("content") || m.containsKey("payload"))) {
            Object html = m.containsKey("content") ? m.get("content") : m.get("payload");
            if (!m.containsKey("content")) {
                warnings.add(new Warning("json-payload-deprecated", "json.payload is deprecated; use json.content"));
            }
            if (html == null) {
                return ParsedMessage.h4(null, null, null, null);
            }
            Object select = m.get("select");
            return ParsedMessage.h4(text(html), truthyText(m.get("target")), truthyText(m.get("swap")),
                select == null ? null : text(select));
        }
        warnings.add(new Warning("json-data-only",
            "the message is JSON without 'content': htmx 4 swaps nothing (it is only delivered as an event)"));
        return ParsedMessage.h4(null, null, null, null);
    }

    /** A parsed value as text: a string as it is, anything else as JSON. */
    private static String text(Object v) {
        return v instanceof String s ? s : JsonText.stringify(v);
    }

    /** The value as text when JS would find it truthy; null when falsy (null, "", false, 0). */
    private static String truthyText(Object v) {
        if (v == null || "".equals(v) || Boolean.FALSE.equals(v) || v instanceof Number n && n.doubleValue() == 0) {
            return null;
        }
        return text(v);
    }

    /** The strip step of #insertContent (body wrapper, then strip to the first element's children). */
    private static Element stripped(Element content, SwapSpec spec, Element target) {
        Element first = Nodes.firstElementChild(content);
        Boolean strip = spec.has("strip") ? Hcon.truthy(spec.get("strip")) : null;
        if (first != null && first.normalName().equals("body")) {
            boolean keepBody = target != null && target.normalName().equals("body") && spec.style().startsWith("outer");
            if (strip == null) {
                strip = !keepBody;
            }
        }
        if (Boolean.TRUE.equals(strip) && first != null) {
            Element c = FragmentParser.newContainer();
            c.appendChildren(Nodes.childNodes(first));
            return c;
        }
        return content;
    }

    /** Where htmx's #insertContent throws for one task (as it does for an unknown style). */
    private static final class SwapThrows extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SwapThrows(String message) {
            super(message);
        }
    }

    private static final class UnknownStyle extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnknownStyle(String style) {
            super(style);
        }
    }

    /** One swap against one page (or against no page, for a plan). */
    private static final class Run {
        final String html;
        final VirtualDom dom;
        /** The element whose message, request or stream it is: OOB and target selectors are relative to it. */
        final Element source;
        final String swap;
        final String select;
        final String selectOob;
        final String targetSelector;
        final Element presetTarget;
        final List<Element> thisTargets;
        final boolean ws;
        final List<Warning> warnings;
        final List<Element> inserted = new ArrayList<>();
        String title;
        CopyBudget budget;

        Run(String html, VirtualDom dom, Element source, String swap, String select, String selectOob,
            String targetSelector, Element presetTarget, List<Element> thisTargets, boolean ws,
            List<Warning> warnings) {
            this.html = html;
            this.dom = dom;
            this.source = source;
            this.swap = swap;
            this.select = select;
            this.selectOob = selectOob;
            this.targetSelector = targetSelector;
            this.presetTarget = presetTarget;
            this.thisTargets = thisTargets;
            this.ws = ws;
            this.warnings = warnings;
        }

        /** ws4 › handleMessage: the envelope's fields, else the connect element's attributes; swapEmpty:false added. */
        static Run forMessage(ParsedMessage msg, VirtualDom dom, Element connect, List<Warning> warnings) {
            String swap = msg.jsonSwap != null ? msg.jsonSwap : attributeValue(connect, "hx-swap");
            if (swap == null || swap.isEmpty()) {
                swap = "innerHTML";
            }
            if (!SWAP_EMPTY.matcher(swap).find()) {
                swap += " swapEmpty:false";
            }
            String select = msg.jsonSelect != null ? msg.jsonSelect : attributeValue(connect, "hx-select");
            String target = msg.jsonTarget != null ? msg.jsonTarget : attributeValue(connect, "hx-target");
            return new Run(msg.html, dom, connect, swap, select, attributeValue(connect, "hx-select-oob"), target,
                null, null, true, warnings);
        }

        /** htmx attributeValue: own {@code name} / {@code name:inherited}, or an ancestor's {@code name:inherited}. */
        static String attributeValue(Element connect, String name) {
            if (connect == null) {
                return null;
            }
            for (Element e = connect; e != null && !(e instanceof Document); e = e.parent()) {
                if (e == connect) {
                    String v = attr(e, name);
                    if (v != null) {
                        return v;
                    }
                }
                String v = attr(e, name + ":inherited");
                if (v != null) {
                    return v;
                }
            }
            return null;
        }

        private static String attr(Element e, String name) {
            if (e.hasAttr(name)) {
                return e.attr(name);
            }
            String prefixed = name.replaceFirst("hx-", "data-hx-");
            return e.hasAttr(prefixed) ? e.attr(prefixed) : null;
        }

        List<Task> build() {
            Fragment f = FragmentParser.h4(html);
            Element fragment = f.container();
            title = f.title();
            budget = new CopyBudget(fragment);

            List<Task> oob = processOob(fragment, selectOob);
            List<Task> partials = processPartials(fragment);
            boolean hasPartials = !partials.isEmpty() || !oob.isEmpty();
            List<Task> tasks = new ArrayList<>();
            Task main = mainSwap(fragment, swap, select, hasPartials);
            if (main != null) {
                tasks.add(main);
            }
            tasks.addAll(oob);
            tasks.addAll(partials);
            return tasks;
        }

        private List<Task> processOob(Element fragment, String selectOob) {
            List<Task> tasks = new ArrayList<>();
            if (selectOob != null && !selectOob.isEmpty()) {
                for (String spec : selectOob.split(",")) {
                    int colon = spec.indexOf(':');
                    String selector = colon < 0 ? spec : spec.substring(0, colon);
                    String value = colon < 0 ? "true" : spec.substring(colon + 1);
                    for (Element e : Targets.inFragment(fragment, selector, warnings)) {
                        createOobTask(tasks, e, value);
                    }
                }
            }
            List<Element> marked = new ArrayList<>();
            for (Element e : Nodes.descendants(fragment)) {
                if (e.hasAttr("hx-swap-oob") || e.hasAttr("data-hx-swap-oob")) {
                    marked.add(e);
                }
            }
            for (Element e : marked) {
                String name = e.hasAttr("hx-swap-oob") ? "hx-swap-oob" : "data-hx-swap-oob";
                String value = e.attr(name);
                e.removeAttr(name);
                createOobTask(tasks, e, value);
            }
            return tasks;
        }

        private void createOobTask(List<Task> tasks, Element elt, String oobValue) {
            String id = elt.attr("id");
            String selector = null; // null + byId = '#' + CSS.escape(id), looked up through the index
            boolean byId = !id.isEmpty();
            Matcher m = STYLE_SELECTOR.matcher(oobValue);
            if (m.find()) {
                oobValue = m.group(1);
                selector = m.group(2);
                byId = false;
            }
            if (oobValue.equals("true") || oobValue.isEmpty()) {
                oobValue = "outerHTML";
            }
            SwapSpec spec = SwapSpec.parse(oobValue);
            if (spec.target() != null) {
                selector = spec.target();
                byId = false;
            }
            if (!spec.has("strip")) {
                spec.modifiers().put("strip", !spec.style().startsWith("outer"));
            }
            if (!byId && selector == null) {
                warnings.add(new Warning("oob-idless-main", "<" + elt.normalName() + " hx-swap-oob> has no id and no"
                    + " target: htmx 4 leaves it in the message, so it is part of the main swap"));
                return;
            }
            String text = byId ? "#" + id : selector;
            if (dom == null) {
                if (!byId) {
                    checkSelector(selector);
                }
                budget.spend(elt, 1);
                tasks.add(new Task("oob", wrap(elt.clone()), text, null, spec));
            } else {
                List<Element> targets = byId ? new ArrayList<>(dom.byId(id))
                    : Targets.h4Ext(dom, source, selector, warnings);
                budget.spend(elt, targets.size());
                for (Element target : targets) {
                    tasks.add(new Task("oob", wrap(elt.clone()), text, target, spec));
                }
                if (targets.isEmpty()) {
                    warnings.add(new Warning("oob-no-target", "no element matches '" + text
                        + "'; htmx 4 drops the <" + elt.normalName() + "> silently"));
                }
            }
            elt.remove();
        }

        private static void checkSelector(String selector) {
            for (String part : java.util.Arrays
                .asList(Hcon.split(selector.startsWith("global ") ? selector.substring(7) : selector))) {
                String p = HtmxSelectors.normalize(part);
                String sel = p;
                for (String kw : List.of("closest ", "find ", "findAll ", "next ", "previous ")) {
                    if (p.startsWith(kw)) {
                        sel = p.substring(kw.length()).trim();
                    }
                }
                if (List.of("next", "previous", "nextElementSibling", "previousElementSibling", "body", "this",
                    "document", "window", "host").contains(p)) {
                    continue;
                }
                if (!CssSyntax.isValid(sel)) {
                    throw new Targets.SelectorError("'" + sel + "' is not a valid selector");
                }
            }
        }

        private static Element wrap(Node n) {
            Element c = FragmentParser.newContainer();
            c.appendChild(n);
            return c;
        }

        private List<Task> processPartials(Element fragment) {
            List<Task> tasks = new ArrayList<>();
            List<Element> templates = new ArrayList<>();
            for (Element e : Nodes.descendants(fragment)) {
                if (Nodes.isTemplate(e) && e.hasAttr("hx")) {
                    templates.add(e);
                }
            }
            for (Element t : templates) {
                String type = t.attr("type");
                if (type.equals("partial")) {
                    String selector = attr(t, "hx-target");
                    if (selector == null || selector.isEmpty()) {
                        selector = t.attr("id").isEmpty() ? null : "#" + t.attr("id");
                    }
                    if (selector != null) {
                        String swapAttr = attr(t, "hx-swap");
                        SwapSpec spec = SwapSpec.parse(swapAttr == null || swapAttr.isEmpty() ? "innerHTML" : swapAttr);
                        if (Hcon.truthy(spec.get("ignoreTitle"))) {
                            title = null;
                        }
                        boolean byId = attr(t, "hx-target") == null || attr(t, "hx-target").isEmpty();
                        if (dom == null) {
                            if (!byId) {
                                checkSelector(selector);
                            }
                            budget.spend(t, 1);
                            tasks.add(new Task("partial", copyChildren(t), selector, null, spec));
                        } else {
                            List<Element> targets = byId ? new ArrayList<>(dom.byId(t.attr("id")))
                                : Targets.h4Ext(dom, source, selector, warnings);
                            if (targets.isEmpty()) {
                                warnings.add(new Warning("partial-no-target", "<hx-partial> target '" + selector
                                    + "' matches nothing; the partial is dropped"));
                            }
                            budget.spend(t, targets.size());
                            for (Element target : targets) {
                                tasks.add(new Task("partial", copyChildren(t), selector, target, spec));
                            }
                        }
                    }
                } else {
                    warnings.add(new Warning("hx-tag-ignored", "<hx-" + type + "> is handled only by an htmx 4"
                        + " extension; htmxws drops it"));
                }
                t.remove();
            }
            return tasks;
        }

        private static Element copyChildren(Element template) {
            Element c = FragmentParser.newContainer();
            for (Node n : template.childNodes()) {
                c.appendChild(n.clone());
            }
            return c;
        }

        private Task mainSwap(Element fragment, String swap, String select, boolean hasPartials) {
            SwapSpec spec = SwapSpec.parse(swap);
            if (Hcon.truthy(spec.get("ignoreTitle"))) {
                title = null;
            }
            Element body = null;
            for (Element e : Nodes.descendants(fragment)) {
                if (e.normalName().equals("body")) {
                    body = e;
                    break;
                }
            }
            boolean run = spec.style().equals("delete")
                || (body != null ? body : fragment).childrenSize() > 0
                || !JsText.trim(Nodes.textContentOfChildren(fragment)).isEmpty()
                || (spec.has("swapEmpty") ? Hcon.truthy(spec.get("swapEmpty")) : !hasPartials);
            if (!run) {
                return null;
            }
            Element content = fragment;
            if (select != null) {
                content = FragmentParser.newContainer();
                for (Element e : Targets.inFragment(fragment, select, warnings)) {
                    content.appendChild(e);
                }
            }
            String targetSelector = spec.target() != null ? spec.target() : this.targetSelector;
            if (targetSelector != null && targetSelector.isEmpty()) {
                targetSelector = null;
            }
            if (dom == null) {
                if (targetSelector != null) {
                    checkSelector(targetSelector);
                }
                return new Task("main", content, targetSelector == null ? PlannedSwap.CONNECT_ELEMENT : targetSelector,
                    null, spec);
            }
            Element target = presetTarget != null ? presetTarget : source;
            if (targetSelector != null) {
                List<Element> found = Targets.h4Ext(dom, source, targetSelector, warnings, thisTargets);
                target = found.isEmpty() ? null : found.get(0);
                if (target == null) {
                    warnings.add(new Warning("target-not-found", "'" + targetSelector
                        + "' on hx-target did not match any element; the main swap does nothing"));
                }
            }
            if (ws && !mainSwapWarned && target != null) {
                describeMainSwap(fragment, target);
            }
            return new Task("main", content, Nodes.describe(target), target, spec);
        }

        private boolean mainSwapWarned;

        /** The htmx 2 habit that bites on htmx 4: top-level elements with ids are not swapped by id. */
        private void describeMainSwap(Element fragment, Element target) {
            for (Element e : fragment.children()) {
                if (!e.attr("id").isEmpty() && target == source && !dom.byId(e.attr("id")).isEmpty()) {
                    warnings.add(new Warning("main-swap-not-by-id", "<" + e.normalName() + " id=\"" + e.attr("id")
                        + "\"> is not swapped by id in htmx 4: it goes into the connect element (innerHTML)"
                        + " unless it has hx-swap-oob"));
                    mainSwapWarned = true;
                    return;
                }
            }
        }

        /** h4 › #insertContent for one task; false if it did nothing. */
        boolean insert(Task task) {
            Element target = task.target;
            if (target == null) {
                return false;
            }
            SwapSpec spec = task.spec;
            String style = spec.style();
            if (style.equals("none")) {
                return false;
            }
            if (!dom.isLive(target) && !task.kind.equals("main")) {
                warnings.add(new Warning("oob-target-detached", "the " + task.kind + " target " + Nodes.describe(target)
                    + " was removed by an earlier swap of this message (the main swap runs first); its update is lost"));
            }
            Element first = Nodes.firstElementChild(task.content);
            if (first != null && first.normalName().equals("body") && target == dom.body()
                && style.equals("outerHTML")) {
                style = "outerSync";
            }
            Element fragment = stripped(task.content, spec, target);
            if (!KNOWN_STYLES.contains(style)) {
                ClassList.add(target, "htmx-swapping");
                ClassList.removeAndDropEmpty(target, "htmx-swapping");
                throw new UnknownStyle(style);
            }
            ClassList.add(target, "htmx-swapping");
            if (style.equals("delete")) {
                if (target.parent() != null) {
                    dom.remove(target);
                }
                return true;
            }
            Element parent = target.parent();
            List<Runnable> restore = new ArrayList<>();
            boolean settle = !spec.has("settle") || Hcon.truthy(spec.get("settle"));
            if (settle && (style.equals("innerHTML") || (style.equals("outerHTML") && parent != null))) {
                startCssTransitions(fragment, target, restore);
            }
            List<Node> newContent = Nodes.childNodes(fragment);
            Element swapped = target;
            switch (style) {
                case "innerHTML", "innerMorph" -> {
                    morphWarning(style);
                    dom.replaceChildren(target, newContent);
                }
                case "textContent" -> dom.setTextContent(target, Nodes.textContentOfChildren(fragment));
                case "outerHTML", "outerMorph" -> {
                    morphWarning(style);
                    if (parent != null) {
                        dom.insertBefore(target, newContent);
                        dom.remove(target);
                        swapped = null;
                        for (Node n : newContent) {
                            if (n instanceof Element e) {
                                swapped = e;
                                break;
                            }
                        }
                        if (swapped == null) {
                            swapped = parent;
                        }
                    }
                }
                case "outerSync" -> {
                    Element source = Nodes.firstElementChild(fragment);
                    if (source == null) {
                        throw new SwapThrows("hx-swap=\"outerSync\" needs an element to take attributes from and the"
                            + " content has none: htmx throws a TypeError");
                    }
                    copyAttributes(target, source);
                    dom.replaceChildren(target, Nodes.childNodes(source));
                    newContent = List.of(target);
                }
                case "beforebegin" -> {
                    if (parent != null) {
                        dom.insertBefore(target, newContent);
                    }
                }
                case "afterbegin" -> dom.prepend(target, newContent);
                case "beforeend" -> dom.append(target, newContent);
                case "afterend" -> {
                    if (parent != null) {
                        dom.insertAfter(target, newContent);
                    }
                }
                default -> throw new UnknownStyle(style);
            }
            ClassList.removeAndDropEmpty(swapped, "htmx-swapping");
            task.result = swapped;
            if (!style.equals("textContent")) {
                for (Node n : newContent) {
                    if (n instanceof Element e) {
                        ClassList.add(e, "htmx-added");
                        inserted.add(e);
                    }
                }
            }
            restore.forEach(Runnable::run);
            for (Node n : newContent) {
                if (n instanceof Element e) {
                    ClassList.removeAndDropEmpty(e, "htmx-added");
                }
            }
            return true;
        }

        private void morphWarning(String style) {
            if (style.endsWith("Morph")) {
                warnings.add(new Warning("morph-approximated", style + " is approximated by "
                    + (style.startsWith("inner") ? "innerHTML" : "outerHTML")
                    + " (htmxws does not implement idiomorph)"));
            }
        }

        /**
         * h4 › #startCSSTransitions: new elements whose id matches the last element with that id under the
         * target (same tag) take its class/style/width/height until settled; observable effect: such
         * attributes the old element lacked move to the end.
         */
        private void startCssTransitions(Element fragment, Element root, List<Runnable> restore) {
            List<Element> fresh = new ArrayList<>();
            for (Element e : Nodes.descendants(fragment)) {
                if (e.hasAttr("id")) {
                    fresh.add(e);
                }
            }
            if (fresh.isEmpty()) {
                return;
            }
            Map<String, java.util.Optional<Element>> lastById = new java.util.HashMap<>(); // one lookup per id
            for (Element elt : fresh) {
                Element existing = lastById.computeIfAbsent(elt.attr("id"),
                    id -> java.util.Optional.ofNullable(lastUnder(root, id))).orElse(null);
                if (existing != null && existing.normalName().equals(elt.normalName())) {
                    Element clone = elt.shallowClone();
                    for (String a : List.of("class", "style", "width", "height")) {
                        if (existing.hasAttr(a)) {
                            elt.attr(a, existing.attr(a));
                        } else {
                            elt.removeAttr(a);
                        }
                    }
                    restore.add(() -> copyAttributes(elt, clone));
                }
            }
        }

        private Element lastUnder(Element root, String id) {
            Element last = null;
            if (dom.isLive(root)) {
                List<Element> inside = dom.byIdWithin(id, root);
                return inside.isEmpty() ? null : inside.get(inside.size() - 1);
            }
            for (Element e : Nodes.descendants(root)) {
                if (e.attr("id").equals(id) && e.hasAttr("id")) {
                    last = e;
                }
            }
            return last;
        }

        /** h4 › #copyAttributes (morphIgnore = data-htmx-powered), through the DOM so ids stay indexed. */
        private void copyAttributes(Element destination, Element source) {
            for (Attribute a : source.attributes().asList()) {
                boolean ignored = a.getKey().startsWith("data-htmx-powered");
                if (!ignored
                    && !(destination.hasAttr(a.getKey()) && destination.attr(a.getKey()).equals(a.getValue()))) {
                    dom.setAttribute(destination, a.getKey(), a.getValue());
                }
            }
            List<Attribute> attrs = destination.attributes().asList();
            for (int i = attrs.size() - 1; i >= 0; i--) {
                Attribute a = attrs.get(i);
                if (!source.hasAttr(a.getKey()) && !a.getKey().startsWith("data-htmx-powered")) {
                    dom.removeAttribute(destination, a.getKey());
                }
            }
        }
    }
}
