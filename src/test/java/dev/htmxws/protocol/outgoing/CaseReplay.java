package dev.htmxws.protocol.outgoing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.htmxws.protocol.Dialect;
import dev.htmxws.protocol.FormControls;
import dev.htmxws.protocol.InputValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Test-only stand-in for the browser of a recorded oracle case: builds the page as the oracle serves it,
 * applies a step's {@code fill} under the form-state convention, maps the step to the DOM event(s) it
 * causes (click bubbling to send elements, a submit button's form submission, change) and asks the
 * builder for each frame. It knows only default triggers and plain {@code hx-trigger="event"}; steps with
 * typing, key presses, waits or server pushes are not replayable here.
 */
final class CaseReplay {
    static final Set<String> REPLAYABLE_STEPS = Set.of("submit", "click", "change", "fill");

    private final Dialect dialect;
    private final Document doc;
    private final String pageUrl;
    private final OutgoingMessageBuilder builder;
    /** htmx 1/2 lastButtonClicked, kept per form. */
    private final Map<Element, Element> lastButton = new HashMap<>();
    private Element focused;

    CaseReplay(JsonNode c, String name) {
        this.dialect = c.get("dialect").asText().equals("htmx4") ? Dialect.HTMX4 : Dialect.HTMX2;
        String page = c.get("page").asText();
        if (!page.trim().startsWith("<body")) {
            page = "<body>" + page + "</body>";
        }
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + name + "</title>"
            + (c.has("head") ? c.get("head").asText() : "") + "</head>" + page + "</html>";
        this.pageUrl = "http://127.0.0.1:{port}/page.html" + (c.has("url_suffix") ? c.get("url_suffix").asText() : "");
        this.doc = Jsoup.parse(html, pageUrl);
        this.builder = new OutgoingMessageBuilder(dialect);
    }

    /** htmx 2 or 4 frames from user actions alone (htmx 1 and the requests a page makes need the whole page model). */
    static boolean replayable(JsonNode c) {
        String dialect = c.path("dialect").asText();
        if (!dialect.equals("htmx2") && !dialect.equals("htmx4") || c.has("routes") || c.has("extensions")) {
            return false;
        }
        for (JsonNode s : c.get("steps")) {
            String kind = s.fieldNames().next();
            if (!REPLAYABLE_STEPS.contains(kind)) {
                return false;
            }
        }
        return true;
    }

    /** Frames (null entries dropped) the step produces, in order. */
    List<Outgoing> play(JsonNode step) {
        List<Outgoing> out = new ArrayList<>();
        Element scope = doc;
        String sel = step.has("submit") ? step.get("submit").asText()
            : step.has("click") ? step.get("click").asText()
                : step.has("change") ? step.get("change").asText() : null;
        Element target = sel == null ? null : doc.selectFirst(sel);
        if (step.has("in")) {
            scope = doc.selectFirst(step.get("in").asText());
        } else if (target != null && FormControls.relatedForm(target) != null) {
            scope = FormControls.relatedForm(target);
        }
        if (step.has("fill")) {
            fill(scope, step.get("fill"));
        }
        if (step.has("change")) {
            if (step.has("value")) {
                Map<String, JsonNode> one = Map.of(target.attr("name"), step.get("value"));
                one.forEach((k, v) -> fillField(doc, k, v));
            }
            fire(target, "change", null, out);
        } else if (step.has("click")) {
            // a real pointer click: focus moves (focusout clears a tracked button), then click
            focus(target);
            click(target, out);
        } else if (step.has("submit")) {
            String tag = target.normalName();
            String type = FormControls.type(target);
            if (tag.equals("form")) {
                Element submitter = step.has("submitter") ? doc.selectFirst(step.get("submitter").asText()) : null;
                submit(target, submitter, out);
            } else if (tag.equals("button") || (tag.equals("input")
                && Set.of("submit", "button", "image", "reset").contains(type))) {
                click(target, out); // HTMLElement.click(): no focus change
            } else if (Set.of("input", "select", "textarea").contains(tag)) {
                fire(target, "change", null, out);
            } else {
                click(target, out);
            }
        }
        return out;
    }

    private void focus(Element e) {
        if (focused != null && focused != e) {
            Element form = buttonForm(focused);
            if (form != null) {
                lastButton.remove(form); // focusout on a tracked form
            }
        }
        focused = e;
        trackButton(e);
    }

    private void click(Element target, List<Outgoing> out) {
        if (FormControls.matchesDisabled(target)) {
            return; // disabled controls get no click events
        }
        trackButton(target);
        fire(target, "click", null, out);
        Element button = closestSubmitButton(target);
        if (button != null && "submit".equals(FormControls.type(button))) {
            Element form = FormControls.formOwner(button);
            if (form != null) {
                submit(form, button, out);
            }
        }
    }

    private void submit(Element form, Element requestedSubmitter, List<Outgoing> out) {
        // htmx 1/2 read their tracked button; htmx 4 reads event.submitter
        Element submitter = dialect == Dialect.HTMX4 ? requestedSubmitter : lastButton.get(form);
        if (dialect == Dialect.HTMX4 && requestedSubmitter == null) {
            submitter = null;
        }
        fire(form, "submit", submitter, out);
    }

    /** The event bubbles from the target: every send element on the path whose trigger is this event fires. */
    private void fire(Element target, String event, Element submitter, List<Outgoing> out) {
        for (Element e = target; e != null && !(e instanceof Document); e = e.parent()) {
            if (isSend(e) && trigger(e).equals(event)) {
                out.add(builder.build(e, connectFor(e), submitter, pageUrl, event));
            }
        }
    }

    private void trackButton(Element clicked) {
        Element button = closestSubmitButton(clicked);
        if (button != null) {
            Element form = buttonForm(button);
            if (form != null) {
                lastButton.put(form, button);
            }
        }
    }

    private static Element closestSubmitButton(Element e) {
        for (Element p = e; p != null; p = p.parent()) {
            if (p.normalName().equals("button")
                || (p.normalName().equals("input") && p.attr("type").equals("submit"))) {
                return p;
            }
        }
        return null;
    }

    private static Element buttonForm(Element e) {
        Element b = closestSubmitButton(e);
        return b == null ? null : FormControls.relatedForm(b);
    }

    boolean isSend(Element e) {
        if (dialect == Dialect.HTMX4) {
            return e.hasAttr("hx-ws:send") || e.hasAttr("data-hx-ws:send") || e.hasAttr("ws-send");
        }
        return e.hasAttr("ws-send") || e.hasAttr("data-ws-send") || e.attr("hx-ws").equals("send")
            || e.attr("data-hx-ws").equals("send");
    }

    private Element connectFor(Element e) {
        for (Element p = e; p != null && !(p instanceof Document); p = p.parent()) {
            if (dialect == Dialect.HTMX4 ? (p.hasAttr("hx-ws:connect") || p.hasAttr("data-hx-ws:connect")
                || p.hasAttr("ws-connect")) : (p.hasAttr("ws-connect") || p.hasAttr("data-ws-connect"))) {
                if (dialect == Dialect.HTMX4 && !p.hasAttr("hx-ws:connect") && !p.hasAttr("data-hx-ws:connect")) {
                    p.attr("data-hx-ws:connect", p.attr("ws-connect")); // what hx-ws.js does to legacy markup
                }
                return p;
            }
        }
        return null;
    }

    /** Default triggers (docs/spec/protocol.md §1.0) or the event name of a plain hx-trigger. */
    private String trigger(Element e) {
        String t = e.attr("hx-trigger").trim();
        if (!t.isEmpty()) {
            return t.split("[\\s,\\[]")[0];
        }
        String tag = e.normalName();
        String type = FormControls.type(e);
        if (tag.equals("form")) {
            return "submit";
        }
        if (tag.equals("input") && ("button".equals(type) || "submit".equals(type))) {
            return "click";
        }
        return Set.of("input", "select", "textarea").contains(tag) ? "change" : "click";
    }

    private void fill(Element scope, JsonNode fill) {
        fill.fields().forEachRemaining(f -> fillField(scope, f.getKey(), f.getValue()));
    }

    /** The oracle's fill, stored with the form-state convention. */
    private static void fillField(Element scope, String name, JsonNode v) {
        for (Element field : scope.select("[name]")) {
            if (!field.attr("name").equals(name)) {
                continue;
            }
            String tag = field.normalName();
            String type = FormControls.type(field);
            if ("checkbox".equals(type)) {
                boolean on = v.isBoolean() ? v.asBoolean() : contains(v, InputValues.checkableValue(field));
                setBool(field, "checked", on);
            } else if ("radio".equals(type)) {
                setBool(field, "checked", InputValues.checkableValue(field).equals(v.asText()));
            } else if (tag.equals("select")) {
                for (Element o : FormControls.options(field)) {
                    setBool(o, "selected", contains(v, FormControls.optionValue(o)));
                }
            } else if (tag.equals("textarea")) {
                field.text(v.asText());
            } else {
                field.attr("value", v.asText());
            }
        }
    }

    private static boolean contains(JsonNode v, String value) {
        if (v.isArray()) {
            for (JsonNode x : v) {
                if (x.asText().equals(value)) {
                    return true;
                }
            }
            return false;
        }
        return v.asText().equals(value);
    }

    private static void setBool(Element e, String attr, boolean on) {
        if (on) {
            e.attr(attr, "");
        } else {
            e.removeAttr(attr);
        }
    }
}
