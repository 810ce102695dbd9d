package dev.htmxws.protocol.incoming;

import dev.htmxws.dom.UniqueSelector;
import dev.htmxws.dom.VirtualDom;
import dev.htmxws.protocol.Dialect;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.incoming.ParsedMessage.OobDecision;
import dev.htmxws.protocol.js.JsonText;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * htmx 1 ({@code hx-ws}) and htmx 2 (ws extension) message handling: every top-level element of the
 * message is an out-of-band swap (docs/spec/protocol.md §2.2, §2.3). The two differ only in the points listed
 * in §2.2, each marked {@code h1} below.
 */
final class OobMessages {
    /** The warning code of a JSON envelope sent to an htmx 1/2 page (a page warns of it once, not per message). */
    static final String ENVELOPE = "htmx4-envelope";
    private final boolean h1;

    OobMessages(Dialect dialect) {
        this.h1 = dialect == Dialect.HTMX1;
    }

    SwapPlan plan(String text) {
        Fragment fragment = h1 ? FragmentParser.h1(text) : FragmentParser.h2(text);
        List<Warning> warnings = new ArrayList<>();
        if (isHtmx4Envelope(text)) {
            warnings.add(new Warning(ENVELOPE, "the message is an htmx 4 JSON envelope ({\"content\":…}); htmx "
                + (h1 ? "1" : "2") + " reads it as HTML text and swaps nothing of what it means (a server written for"
                + " htmx 4? then speak htmx 4: --htmx 4)"));
        }
        List<OobDecision> decisions = new ArrayList<>();
        List<PlannedSwap> swaps = new ArrayList<>();
        if (fragment.title() != null && !fragment.title().isEmpty()) {
            warnings.add(new Warning("title-ignored",
                "the message has a <title>; htmx " + (h1 ? "1" : "2")
                    + " WebSocket messages never change the page title"));
        }
        int abortAt = -1;
        String abortReason = null;
        List<Element> children = new ArrayList<>(fragment.container().children());
        for (int i = 0; i < children.size(); i++) {
            Element el = children.get(i);
            String value = oobValue(el);
            String id = el.hasAttr("id") ? el.attr("id") : "null"; // getAttribute → null → the text "null"
            String style = "outerHTML";
            String selector = null;
            if (value.equals("true")) {
                // default: outerHTML by id
            } else if (value.indexOf(':') > 0) {
                style = value.substring(0, value.indexOf(':'));
                selector = value.substring(value.indexOf(':') + 1);
            } else {
                style = value;
            }
            abortReason = abortReason(value, id, selector);
            if (abortReason != null) {
                abortAt = i;
                int rest = children.size() - i - 1;
                warnings.add(new Warning("oob-abort", abortReason + "; the browser throws, so this element and the "
                    + rest + " after it are not swapped and nothing is settled"));
                break;
            }
            if (selector == null && h1 && Targets.simpleId("#" + id) == null) {
                selector = "#" + id; // h1 does not escape: '#a.b' or '#x y' is a different selector
                warnings.add(new Warning("h1-unescaped-id", "htmx 1 uses the id '" + id + "' unescaped: the selector '"
                    + selector + "' does not mean \"the element with this id\""));
            }
            OobDecision d = new OobDecision(style, id, selector);
            decisions.add(d);
            warnAbout(el, d, warnings);
            swaps.add(new PlannedSwap(d.targetText(), style, payloadHtml(el, style)));
        }
        ParsedMessage parsed = ParsedMessage.oob(fragment.container(), decisions, abortAt, abortReason);
        return new SwapPlan(h1 ? Dialect.HTMX1 : Dialect.HTMX2, swaps, warnings, null, abortAt >= 0, parsed);
    }

    /** getAttributeValue(child, 'hx-swap-oob') || 'true' (an empty value counts as absent). */
    private static String oobValue(Element el) {
        String v = el.attr("hx-swap-oob");
        if (v.isEmpty()) {
            v = el.attr("data-hx-swap-oob");
        }
        return v.isEmpty() ? "true" : v;
    }

    /** Why the browser would throw on this element, or null. */
    private String abortReason(String value, String id, String selector) {
        if (selector == null) {
            String sel = "#" + id;
            if (id.isEmpty()) {
                return "id=\"\" gives the selector '#', which is not a valid selector";
            }
            if (h1 && !CssSyntax.isValid(sel)) {
                return "htmx 1 does not escape ids: '" + sel + "' is not a valid selector";
            }
            return null;
        }
        try {
            if (h1) {
                if (!CssSyntax.isValid(selector.trim())) {
                    throw new Targets.SelectorError("'" + selector + "' is not a valid selector");
                }
            } else {
                Targets.checkH2(selector);
            }
            return null;
        } catch (Targets.SelectorError e) {
            boolean modifier = value.contains(" ") && value.indexOf(':') > value.indexOf(' ');
            String hint = modifier
                ? " (swap modifiers are not supported in hx-swap-oob: the value is split at its first ':',"
                    + " so '" + value.substring(0, value.indexOf(':')) + "' is the style and '" + selector
                    + "' the selector)"
                : "";
            return "hx-swap-oob=\"" + value + "\": " + e.getMessage() + hint;
        }
    }

    private void warnAbout(Element el, OobDecision d, List<Warning> warnings) {
        if (!el.hasAttr("id") && d.selector() == null) {
            warnings.add(new Warning("oob-no-id", "<" + el.normalName() + "> has no id and no hx-swap-oob selector:"
                + " htmx looks for '#null' (it replaces an element whose id is literally \"null\", if any)"));
        }
        if (Nodes.isTemplate(el)) {
            warnings.add(new Warning("oob-template-ignored",
                "a top-level <template> is not unwrapped by the ws extension: its content is not swapped out of band"));
        }
        for (Element nested : Nodes.descendants(el)) {
            if (nested.hasAttr("hx-swap-oob") || nested.hasAttr("data-hx-swap-oob")) {
                warnings.add(new Warning("oob-nested-ignored", "hx-swap-oob on a nested <" + nested.normalName()
                    + "> is not processed; the attribute ends up in the page as-is"));
                break;
            }
        }
        if (!h1 && d.style().equals("textContent")) {
            warnings.add(new Warning("oob-textcontent-html",
                "hx-swap-oob=\"textContent\" is not a style htmx 2 knows: it inserts the children as HTML (innerHTML)"));
        }
    }

    private String payloadHtml(Element el, String style) {
        Element copy = el.clone();
        if (!h1) {
            copy.removeAttr("hx-swap-oob");
            copy.removeAttr("data-hx-swap-oob");
        }
        return style.equals("outerHTML") ? Nodes.html(List.of(copy)) : Nodes.html(copy.childNodes());
    }

    // ---- applying ---------------------------------------------------------------------------------

    ApplyResult apply(SwapPlan plan, VirtualDom dom, Element connect) {
        List<Warning> warnings = new ArrayList<>(plan.warnings());
        if (connect != null && !dom.isLive(connect)) {
            warnings.add(new Warning("connect-removed",
                "the connect element is no longer in the page: the message is ignored and the socket closes"));
            return new ApplyResult(List.of(), warnings, false, List.of(), true);
        }
        ParsedMessage parsed = plan.parsed();
        Element container = parsed.container.clone();
        List<Element> children = new ArrayList<>(container.children());
        OobSwapper swapper = new OobSwapper(dom);
        CopyBudget budget = new CopyBudget(container);
        List<PlannedSwap> applied = new ArrayList<>();
        boolean aborted = parsed.abortAt >= 0;
        int count = aborted ? parsed.abortAt : children.size();
        try {
            for (int i = 0; i < count; i++) {
                Element el = children.get(i);
                OobDecision d = parsed.decisions.get(i);
                if (!h1) {
                    el.removeAttr("hx-swap-oob");
                    el.removeAttr("data-hx-swap-oob");
                }
                List<Element> targets = new ArrayList<>(d.selector() == null ? dom.byId(d.id())
                    : h1 ? Targets.css(dom, d.selector(), warnings) : Targets.h2Ext(dom, d.selector(), warnings));
                if (targets.isEmpty()) {
                    if (!h1) { // h1: querySelectorAll's empty NodeList is truthy, the error branch is dead code
                        warnings.add(new Warning("oob-no-target", "no element matches '" + d.targetText()
                            + "' (htmx:oobErrorNoTarget); the <" + el.normalName() + "> is dropped"));
                    }
                }
                budget.spend(el, targets.size());
                for (Element target : targets) {
                    String name = UniqueSelector.of(dom, target); // named before the swap replaces it
                    String html = swapper.swap(d.style(), target, el.clone());
                    applied.add(new PlannedSwap(name, d.style(), html));
                }
                el.remove();
            }
        } catch (Targets.SelectorError e) {
            aborted = true;
            warnings.add(new Warning("oob-abort", e.getMessage() + "; the rest of the message is not processed"));
        } catch (CopyBudget.Exceeded e) {
            aborted = true;
            warnings.add(e.warning("htmxws stops here: the rest of the message is not processed"));
        }
        if (!aborted) {
            swapper.settle(); // settleImmediately: never reached when the browser threw
        }
        List<Element> inserted = new ArrayList<>();
        for (Element e : swapper.insertedRoots()) {
            if (dom.isLive(e)) {
                inserted.add(e);
            }
        }
        return new ApplyResult(applied, warnings, aborted, inserted, connect != null && !dom.isLive(connect));
    }

    /** h2 › swapWithStyle and its helpers, with the settle tasks htmx queues (attribute settling, htmx-added). */
    static final class OobSwapper {
        private static final java.util.Set<String> SETTLE_ATTRS = java.util.Set.of("class", "style", "width", "height");
        private final VirtualDom dom;
        private final List<Runnable> settleTasks = new ArrayList<>();
        private final List<Element> inserted = new ArrayList<>();

        OobSwapper(VirtualDom dom) {
            this.dom = dom;
        }

        List<Element> insertedRoots() {
            return inserted;
        }

        void settle() {
            for (Runnable r : settleTasks) {
                r.run();
            }
            settleTasks.clear();
        }

        /** Swaps one clone of the oob element into {@code target}; returns the inserted HTML for reports. */
        String swap(String style, Element target, Element clone) {
            boolean inline = style.equals("outerHTML"); // isInlineSwap without extensions
            List<Node> payload = inline ? List.of(clone) : Nodes.childNodes(clone);
            List<Element> idCandidates = new ArrayList<>();
            if (inline) {
                idCandidates.add(clone); // querySelectorAll on a fragment holding the clone sees the clone too
            }
            idCandidates.addAll(Nodes.descendants(clone));
            return swapNodes(style, target, payload, idCandidates);
        }

        /** swapWithStyle with the children of {@code fragment} (a main swap); returns the inserted HTML. */
        String swapChildren(String style, Element target, Element fragment) {
            return swapNodes(style, target, Nodes.childNodes(fragment), Nodes.descendants(fragment));
        }

        private String swapNodes(String style, Element target, List<Node> payload, List<Element> idCandidates) {
            String html = Nodes.html(payload);
            switch (style) {
                case "none" -> {
                }
                case "outerHTML" -> {
                    if (target.normalName().equals("body")) {
                        innerHtml(target, payload, idCandidates);
                    } else {
                        Element parent = target.parent();
                        if (parent != null && !(parent instanceof org.jsoup.nodes.Document)) {
                            insertNodesBefore(parent, target, payload, idCandidates);
                            dom.remove(target);
                        }
                    }
                }
                case "afterbegin" -> insertNodesBefore(target, target.childNodeSize() > 0 ? target.childNode(0) : null,
                    payload, idCandidates);
                case "beforebegin" -> {
                    if (parentElement(target) != null) {
                        insertNodesBefore(target.parent(), target, payload, idCandidates);
                    }
                }
                case "beforeend" -> insertNodesBefore(target, null, payload, idCandidates);
                case "afterend" -> {
                    if (parentElement(target) != null) {
                        insertNodesBefore(target.parent(), target.nextSibling(), payload, idCandidates);
                    }
                }
                case "delete" -> {
                    if (parentElement(target) != null) {
                        dom.remove(target);
                    }
                }
                default -> innerHtml(target, payload, idCandidates); // innerHTML, and every unknown style
            }
            return html;
        }

        private static Element parentElement(Element e) {
            Element p = e.parent();
            return p instanceof org.jsoup.nodes.Document ? null : p;
        }

        private void innerHtml(Element target, List<Node> payload, List<Element> idCandidates) {
            List<Node> old = Nodes.childNodes(target);
            insertNodesBefore(target, old.isEmpty() ? null : old.get(0), payload, idCandidates);
            dom.removeAll(old);
        }

        private void insertNodesBefore(Element parent, Node before, List<Node> payload, List<Element> idCandidates) {
            handleAttributes(parent, idCandidates);
            List<Element> added = new ArrayList<>();
            for (Node n : payload) {
                if (n instanceof Element e) {
                    ClassList.add(e, "htmx-added");
                    added.add(e);
                }
            }
            if (before == null) {
                dom.append(parent, payload);
            } else {
                dom.insertBefore(before, payload);
            }
            inserted.addAll(added);
            settleTasks.add(() -> added.forEach(e -> ClassList.removeAndDropEmpty(e, "htmx-added")));
        }

        /**
         * h2 › handleAttributes: a new element whose tag and id match an element already under
         * {@code parent} first takes that element's class/style/width/height (so CSS transitions can run),
         * and gets its own back when settling. Observable: such attributes the old element lacked move to
         * the end of the attribute list.
         */
        private void handleAttributes(Element parent, List<Element> candidates) {
            // the page does not change in this loop: one lookup per tag and id (a server may send thousands alike)
            java.util.Map<String, java.util.Optional<Element>> oldByTagAndId = new java.util.HashMap<>();
            for (Element newNode : candidates) {
                String id = newNode.attr("id");
                if (id.isEmpty()) {
                    continue;
                }
                if (id.indexOf('\'') != id.lastIndexOf('\'')) {
                    // id.replace("'", "\\'") escapes only the first quote: "[id='a'b'c']" is invalid
                    throw new Targets.SelectorError(
                        "the id \"" + id + "\" makes htmx build an invalid attribute selector");
                }
                Element old = oldByTagAndId.computeIfAbsent(newNode.normalName() + ' ' + id,
                    k -> java.util.Optional.ofNullable(firstUnder(parent, newNode.normalName(), id))).orElse(null);
                if (old != null) {
                    org.jsoup.nodes.Attributes own = newNode.attributes().clone();
                    cloneAttributes(newNode, old.attributes());
                    settleTasks.add(() -> cloneAttributes(newNode, own));
                }
            }
        }

        private Element firstUnder(Element parent, String tag, String id) {
            if (dom.isLive(parent)) {
                for (Element e : dom.byIdWithin(id, parent)) {
                    if (e.normalName().equals(tag)) {
                        return e;
                    }
                }
                return null;
            }
            for (Element e : Nodes.descendants(parent)) {
                if (e.normalName().equals(tag) && e.attr("id").equals(id)) {
                    return e;
                }
            }
            return null;
        }

        private static void cloneAttributes(Element mergeTo, org.jsoup.nodes.Attributes mergeFrom) {
            for (org.jsoup.nodes.Attribute a : new ArrayList<>(mergeTo.attributes().asList())) {
                if (!mergeFrom.hasKey(a.getKey()) && SETTLE_ATTRS.contains(a.getKey())) {
                    mergeTo.removeAttr(a.getKey());
                }
            }
            for (org.jsoup.nodes.Attribute a : mergeFrom.asList()) {
                if (SETTLE_ATTRS.contains(a.getKey())) {
                    mergeTo.attr(a.getKey(), a.getValue());
                }
            }
        }
    }

    /** A JSON object with htmx 4's {@code content} (or its deprecated {@code payload}): what htmx 4 would swap. */
    static boolean isHtmx4Envelope(String text) {
        String t = text.strip();
        if (!t.startsWith("{") || !t.endsWith("}")) {
            return false;
        }
        try {
            return JsonText.parse(t) instanceof java.util.Map<?, ?> m && (m.containsKey("content")
                || m.containsKey("payload"));
        } catch (JsonText.SyntaxError e) {
            return false;
        }
    }
}
