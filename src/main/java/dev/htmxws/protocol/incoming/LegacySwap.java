package dev.htmxws.protocol.incoming;

import dev.htmxws.dom.UniqueSelector;
import dev.htmxws.dom.VirtualDom;
import dev.htmxws.protocol.Warning;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * htmx 1 {@code selectAndSwap} and htmx 2 {@code swap()}: how response text (or an SSE event's data) is swapped
 * into a target (docs/spec/sse-and-requests.md §3.7): hx-select-oob, out-of-band elements at any depth (htmx 2:
 * also inside templates), hx-select, hx-preserve, then the main swap, out-of-band swaps first. The settle
 * tasks (attribute settling, {@code htmx-added}) run at once; the caller processes the inserted content.
 */
public final class LegacySwap {
    private static final Pattern SVG = Pattern.compile("<svg(\\s[^>]*>|>)([\\s\\S]*?)</svg>",
        Pattern.CASE_INSENSITIVE);
    private static final Pattern TITLE = Pattern.compile("<title(\\s[^>]*>|>)([\\s\\S]*?)</title>",
        Pattern.CASE_INSENSITIVE);

    private final boolean h1;
    private final VirtualDom dom;
    private final List<Warning> warnings = new ArrayList<>();
    private final List<PlannedSwap> applied = new ArrayList<>();
    private final OobMessages.OobSwapper swapper;
    private CopyBudget budget;

    private LegacySwap(boolean h1, VirtualDom dom) {
        this.h1 = h1;
        this.dom = dom;
        this.swapper = new OobMessages.OobSwapper(dom);
    }

    /**
     * Swaps {@code text} into {@code target}.
     *
     * @param h1         htmx 1 (else htmx 2)
     * @param select     the hx-select to apply, or null
     * @param selectOob  the hx-select-oob to apply, or null
     * @param applyTitle whether a {@code <title>} in the text becomes the document title (htmx 1's SSE swaps never
     *                   apply it; {@code ignoreTitle:true} in the spec stops it too)
     */
    public static SwapOutcome apply(boolean h1, VirtualDom dom, Element target, String text, LegacySwapSpec spec,
        String select, String selectOob, boolean applyTitle) {
        return new LegacySwap(h1, dom).run(target, text, spec, select, selectOob, applyTitle);
    }

    private SwapOutcome run(Element target, String text, LegacySwapSpec spec, String select, String selectOob,
        boolean applyTitle) {
        String style = spec.style();
        String title = null;
        for (String u : spec.unknown()) {
            warnings.add(new Warning("swap-modifier-unknown", "'" + u + "' in hx-swap is not a modifier htmx knows"
                + " (only the first word can be the style): htmx logs an error and ignores it"));
        }
        try {
            if (!h1 && style.equals("textContent")) {
                String name = UniqueSelector.of(dom, target);
                dom.setTextContent(target, text); // the text as it is: no parsing, no out-of-band, no title
                applied.add(new PlannedSwap(name, style, text));
            } else {
                Fragment f = h1 ? FragmentParser.h1(text) : FragmentParser.h2(text);
                title = h1 ? h1Title(text) : f.title();
                Element fragment = f.container();
                budget = new CopyBudget(fragment);
                selectOob(fragment, selectOob);
                for (Element oob : Nodes.descendants(fragment)) {
                    oob(oob);
                }
                if (!h1) {
                    templates(fragment);
                }
                if (select != null && !select.isEmpty()) {
                    fragment = select(fragment, select);
                }
                preserve(fragment);
                mainSwap(style, target, fragment);
            }
        } catch (Targets.SelectorError e) {
            warnings.add(new Warning("swap-abort", e.getMessage() + ": htmx throws part way (htmx:swapError); what"
                + " was swapped stays, the rest is not swapped and nothing is settled"));
            return new SwapOutcome(applied, warnings, true, List.of(), null, null);
        } catch (CopyBudget.Exceeded e) {
            warnings.add(e.warning("htmxws stops here: the rest is not swapped"));
            return new SwapOutcome(applied, warnings, true, List.of(), null, null);
        }
        swapper.settle();
        boolean ignoreTitle = Boolean.TRUE.equals(spec.ignoreTitle());
        String appliedTitle = null;
        if (applyTitle && title != null && !title.isEmpty() && !ignoreTitle) {
            // htmx 1 sets the title element's innerHTML (entities decoded), htmx 2 its textContent
            appliedTitle = h1 ? Parser.unescapeEntities(title, false) : title;
            Titles.setFirst(dom, appliedTitle);
        }
        List<Element> inserted = new ArrayList<>();
        for (Element e : swapper.insertedRoots()) {
            if (dom.isLive(e)) {
                inserted.add(e);
            }
        }
        return new SwapOutcome(applied, warnings, false, inserted, appliedTitle, null);
    }

    /** htmx 1 findTitle: the first {@code <title>} of the raw text outside {@code <svg>}, head included. */
    static String h1Title(String text) {
        if (!text.contains("<title")) {
            return null;
        }
        Matcher m = TITLE.matcher(SVG.matcher(text).replaceAll(""));
        return m.find() ? m.group(2) : null;
    }

    /** hx-select-oob: {@code id[:value]} items, each looked up by {@code #id} in the fragment, unescaped. */
    private void selectOob(Element fragment, String selectOob) {
        if (selectOob == null || selectOob.isEmpty()) {
            return;
        }
        for (String item : selectOob.split(",", -1)) {
            String[] parts = item.split(":", -1); // split(':', 2) keeps the first two pieces only
            String id = parts[0].strip();
            if (id.startsWith("#")) {
                id = id.substring(1);
            }
            String value = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : "true";
            List<Element> found = Targets.inFragment(fragment, "#" + id, warnings);
            if (found.isEmpty()) {
                warnings.add(new Warning("select-oob-missing", "hx-select-oob names '#" + id + "', which the"
                    + " response does not contain: nothing is swapped for it"));
            } else {
                oobSwap(value, found.get(0));
            }
        }
    }

    /** An element carrying a non-empty hx-swap-oob (or data-hx-swap-oob): swapped out of band. */
    private void oob(Element e) {
        String value = e.attr("hx-swap-oob");
        if (value.isEmpty()) {
            value = e.attr("data-hx-swap-oob");
        }
        if (!value.isEmpty()) {
            oobSwap(value, e);
        } else if (e.hasAttr("hx-swap-oob") || e.hasAttr("data-hx-swap-oob")) {
            warnings.add(new Warning("oob-empty-value", "<" + e.normalName() + " hx-swap-oob=\"\"> is not out of band"
                + " in htmx " + (h1 ? 1 : 2) + ": it stays in the main content, attribute and all"));
        }
    }

    /** htmx 1/2 oobSwap: by id ({@code #null} without one) or by the selector after the first colon. */
    private void oobSwap(String value, Element oobElement) {
        String id = oobElement.hasAttr("id") ? oobElement.attr("id") : "null";
        String style = "outerHTML";
        String selector = null;
        if (!value.equals("true")) {
            int colon = value.indexOf(':');
            if (colon > 0) {
                style = value.substring(0, colon);
                selector = value.substring(colon + 1);
            } else {
                style = value;
            }
        }
        if (selector == null && !oobElement.hasAttr("id")) {
            warnings.add(new Warning("oob-no-id", "<" + oobElement.normalName() + "> has no id and no hx-swap-oob"
                + " selector: htmx looks for '#null'"));
        }
        if (!h1) {
            oobElement.removeAttr("hx-swap-oob");
            oobElement.removeAttr("data-hx-swap-oob");
        }
        List<Element> targets;
        if (selector != null) {
            targets = h1 ? Targets.css(dom, selector, warnings) : Targets.h2Ext(dom, selector, warnings);
        } else if (id.isEmpty()) {
            throw new Targets.SelectorError("id=\"\" on an out-of-band <" + oobElement.normalName()
                + "> gives the selector '#', which is not a valid selector");
        } else if (h1) {
            if (Targets.simpleId("#" + id) == null) {
                warnings.add(new Warning("h1-unescaped-id", "htmx 1 uses the id '" + id + "' unescaped: the selector '#"
                    + id + "' does not mean \"the element with this id\""));
            }
            targets = Targets.css(dom, "#" + id, warnings);
        } else {
            targets = dom.byId(id);
        }
        targets = new ArrayList<>(targets);
        if (targets.isEmpty()) {
            warnings.add(new Warning("oob-no-target", "no element matches '" + (selector != null ? selector : "#" + id)
                + "' for the out-of-band <" + oobElement.normalName() + ">"
                + (h1 ? ": htmx 1 drops it silently" : " (htmx:oobErrorNoTarget); it is dropped")));
        }
        budget.spend(oobElement, targets.size());
        for (Element t : targets) {
            String name = UniqueSelector.of(dom, t); // named before the swap replaces it
            applied.add(new PlannedSwap(name, style, swapper.swap(style, t, oobElement.clone())));
        }
        oobElement.remove();
    }

    /** htmx 2: out-of-band elements inside a template's content are swapped too, and the template goes. */
    private void templates(Element fragment) {
        for (Element template : Nodes.descendants(fragment)) {
            if (!Nodes.isTemplate(template) || template.parent() == null) {
                continue;
            }
            List<Element> inContent = new ArrayList<>();
            for (Element child : template.children()) {
                inContent.add(child);
                inContent.addAll(Nodes.descendants(child));
            }
            boolean any = false;
            for (Element e : inContent) {
                if (e.hasAttr("hx-swap-oob") || e.hasAttr("data-hx-swap-oob")) {
                    any = true;
                    oob(e);
                }
            }
            if (any) {
                template.remove();
            }
        }
    }

    /** hx-select: the matching elements, moved out in document order, are all that is swapped. */
    private Element select(Element fragment, String selector) {
        Element picked = FragmentParser.newContainer();
        List<Element> found = Targets.inFragment(fragment, selector, warnings);
        if (found.isEmpty()) {
            warnings.add(new Warning("select-empty", "hx-select '" + selector + "' matches nothing in the response:"
                + " an empty fragment is swapped"));
        }
        for (Element e : found) {
            picked.appendChild(e);
        }
        return picked;
    }

    /** hx-preserve: an element with the id of one already on the page is replaced by the page's element. */
    private void preserve(Element fragment) {
        for (Element kept : Nodes.descendants(fragment)) {
            if (!kept.hasAttr("hx-preserve") && !kept.hasAttr("data-hx-preserve")) {
                continue;
            }
            String id = !kept.attr("id").isEmpty() ? kept.attr("id") : kept.attr("data-id");
            List<Element> existing = dom.byId(id.isEmpty() ? "null" : id);
            if (!existing.isEmpty() && kept.parent() != null) {
                Element old = existing.get(0);
                dom.remove(old);
                kept.replaceWith(old);
            }
        }
    }

    /** swapWithStyle: the known styles, anything else innerHTML (no extensions). */
    private void mainSwap(String style, Element target, Element fragment) {
        String effective = switch (style) {
            case "innerHTML", "outerHTML", "afterbegin", "beforebegin", "beforeend", "afterend", "delete", "none" ->
                style;
            default -> {
                warnings.add(new Warning("unknown-swap-style", "'" + style + "' is not a swap style htmx "
                    + (h1 ? 1 : 2) + " knows: it swaps innerHTML" + (style.equals("textContent")
                        ? " (textContent arrived in htmx 2)" : "")));
                yield "innerHTML";
            }
        };
        if (!dom.isLive(target)) {
            warnings.add(new Warning("target-detached", "the target " + Nodes.describe(target) + " is no longer in the"
                + " page (an out-of-band swap of this response replaced it): htmx swaps into the detached element and"
                + " the content is lost"));
        }
        String name = UniqueSelector.of(dom, target); // named before the swap replaces it
        String html = swapper.swapChildren(effective, target, fragment);
        if (!effective.equals("none")) {
            applied.add(new PlannedSwap(name, effective, html));
        }
    }
}
