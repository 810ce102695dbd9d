package dev.htmxws.protocol.incoming;

import dev.htmxws.dom.VirtualDom;
import dev.htmxws.protocol.Warning;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/**
 * What htmx 2's sse extension does with an event for an {@code sse-swap} element (docs/spec/protocol.md §2.5):
 * {@code api.swap(getTarget(elt), data, getSwapSpecification(elt))} — the data parsed like an htmx 2
 * response, its out-of-band elements (nested too) swapped by id or selector, the rest swapped into the
 * element's {@code hx-target} (or the element) with its {@code hx-swap} style (innerHTML by default).
 */
public final class SseSwaps {

    private SseSwaps() {
    }

    public static ApplyResult apply(VirtualDom dom, Element swapElement, String data) {
        List<Warning> warnings = new ArrayList<>();
        List<PlannedSwap> applied = new ArrayList<>();
        String style = style(swapElement);
        Element fragment = FragmentParser.h2(data).container();
        OobMessages.OobSwapper swapper = new OobMessages.OobSwapper(dom);
        CopyBudget budget = new CopyBudget(fragment);
        try {
            // an hx-target htmx cannot parse (a server may have sent it in an earlier event) throws in the browser too
            Element target = target(dom, swapElement, warnings);
            for (Element oob : new ArrayList<>(fragment.select("[hx-swap-oob], [data-hx-swap-oob]"))) {
                if (oob.parent() == null || oob.closest("template") != null) {
                    continue;
                }
                String value = oob.hasAttr("hx-swap-oob") ? oob.attr("hx-swap-oob") : oob.attr("data-hx-swap-oob");
                oob.removeAttr("hx-swap-oob");
                oob.removeAttr("data-hx-swap-oob");
                String oobStyle = "outerHTML";
                List<Element> targets;
                int colon = value.indexOf(':');
                if (!value.isEmpty() && !value.equals("true") && colon > 0) {
                    oobStyle = value.substring(0, colon);
                    targets = Targets.h2Ext(dom, value.substring(colon + 1), warnings);
                } else {
                    if (!value.isEmpty() && !value.equals("true")) {
                        oobStyle = value;
                    }
                    targets = dom.byId(oob.attr("id"));
                }
                if (targets.isEmpty()) {
                    warnings.add(new Warning("oob-no-target", "no element matches the out-of-band <" + oob.normalName()
                        + (oob.id().isEmpty() ? "" : " id=\"" + oob.id() + "\"") + ">; it is dropped"));
                }
                budget.spend(oob, targets.size());
                for (Element t : new ArrayList<>(targets)) {
                    applied.add(new PlannedSwap(Nodes.describe(t), oobStyle, swapper.swap(oobStyle, t, oob.clone())));
                }
                oob.remove();
            }
            if (target != null) {
                if (style.equals("outerHTML")) {
                    String html = swapper.swap("beforebegin", target, fragment);
                    dom.remove(target);
                    applied.add(new PlannedSwap(Nodes.describe(target), style, html));
                } else {
                    applied.add(new PlannedSwap(Nodes.describe(target), style, swapper.swap(style, target, fragment)));
                }
            }
            swapper.settle();
        } catch (Targets.SelectorError e) {
            warnings.add(new Warning("swap-abort", e.getMessage() + "; the event is not swapped"));
            return new ApplyResult(applied, warnings, true, List.of(), false);
        } catch (CopyBudget.Exceeded e) {
            warnings.add(e.warning("htmxws stops here: the rest of the event is not swapped"));
            return new ApplyResult(applied, warnings, true, List.of(), false);
        }
        List<Element> inserted = new ArrayList<>();
        for (Element e : swapper.insertedRoots()) {
            if (dom.isLive(e)) {
                inserted.add(e);
            }
        }
        return new ApplyResult(applied, warnings, false, inserted, false);
    }

    /** htmx 2 getTarget: the closest hx-target ("this" is the element carrying it), else the element. */
    static Element target(VirtualDom dom, Element elt, List<Warning> warnings) {
        for (Element a = elt; a != null; a = a.parent()) {
            String v = a.hasAttr("hx-target") ? a.attr("hx-target")
                : a.hasAttr("data-hx-target") ? a.attr("data-hx-target") : null;
            if (v == null) {
                continue;
            }
            if (v.equals("this")) {
                return a;
            }
            List<Element> found = Targets.h2Ext(dom, v, warnings);
            if (found.isEmpty()) {
                warnings.add(new Warning("target-not-found",
                    "hx-target \"" + v + "\" matches nothing; the event is not swapped"));
                return null;
            }
            return found.get(0);
        }
        return elt;
    }

    /** The style of the element's hx-swap (inherited), innerHTML by default. */
    static String style(Element elt) {
        for (Element a = elt; a != null; a = a.parent()) {
            String v = a.hasAttr("hx-swap") ? a.attr("hx-swap")
                : a.hasAttr("data-hx-swap") ? a.attr("data-hx-swap") : null;
            if (v != null && !v.isBlank()) {
                return v.strip().split("\\s+")[0];
            }
        }
        return "innerHTML";
    }

    /** The events an {@code sse-swap} element listens to (a comma list, trimmed). */
    public static List<String> events(Element elt) {
        String v = elt.hasAttr("sse-swap") ? elt.attr("sse-swap") : elt.attr("data-sse-swap");
        List<String> out = new ArrayList<>();
        for (String p : v.split(",")) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }
}
