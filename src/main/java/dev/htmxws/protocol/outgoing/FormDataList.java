package dev.htmxws.protocol.outgoing;

import dev.htmxws.protocol.FormControls;
import dev.htmxws.protocol.InputValues;
import dev.htmxws.protocol.js.JsFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * A browser {@code FormData}: an ordered list of (name, value) entries, value a String or a {@link JsFile}.
 * htmx 2 and 4 build their values with FormData, and its entry order is what ends up as JSON key order.
 */
public final class FormDataList {
    /** One entry: a String or a {@link JsFile} value. */
    public record Entry(String name, Object value) {
    }

    /** Members of FormData.prototype: htmx 2's proxy reads these back as functions. */
    static final Set<String> FORMDATA_PROTOTYPE = Set.of("append", "delete", "get", "getAll", "has", "set",
        "entries", "keys", "values", "forEach", "constructor");

    private final List<Entry> entries = new ArrayList<>();

    /** The entries in order (a read-only view). */
    public List<Entry> entries() {
        return java.util.Collections.unmodifiableList(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public void append(String name, Object value) {
        entries.add(new Entry(name, value));
    }

    public void delete(String name) {
        entries.removeIf(e -> e.name().equals(name));
    }

    /** {@code FormData.set}: the first entry of that name takes the value in place, the others go; else appended. */
    public void set(String name, Object value) {
        int first = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).name().equals(name)) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            append(name, value);
            return;
        }
        entries.set(first, new Entry(name, value));
        for (int i = entries.size() - 1; i > first; i--) {
            if (entries.get(i).name().equals(name)) {
                entries.remove(i);
            }
        }
    }

    public List<Object> getAll(String name) {
        List<Object> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.name().equals(name)) {
                out.add(e.value());
            }
        }
        return out;
    }

    public boolean has(String name) {
        return entries.stream().anyMatch(e -> e.name().equals(name));
    }

    /** Distinct names in order of first appearance. */
    public List<String> keys() {
        return new ArrayList<>(new LinkedHashMap<String, Boolean>() {
            {
                entries.forEach(e -> put(e.name(), true));
            }
        }.keySet());
    }

    /** htmx 2 overrideFormData: delete the donor's keys, then append all donor entries at the end. */
    public void override(FormDataList donor) {
        for (String k : donor.keys()) {
            delete(k);
        }
        entries.addAll(donor.entries);
    }

    /** {@code Object.fromEntries(formData)}: last value wins, key keeps its first position. */
    public Map<String, Object> fromEntries() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Entry e : entries) {
            m.put(e.name(), e.value());
        }
        return m;
    }

    /**
     * {@code new FormData(form)} ("constructing the entry list", no submitter): successful controls owned by
     * the form, in tree order.
     */
    public static FormDataList of(Element form) {
        FormDataList fd = new FormDataList();
        for (Element e : form.root().getAllElements()) {
            if (!FormControls.isListed(e) || FormControls.formOwner(e) != form) {
                continue;
            }
            String tag = FormControls.tag(e);
            if (!(tag.equals("input") || tag.equals("select") || tag.equals("textarea"))) {
                continue; // buttons are never submitted without a submitter; fieldset/output/object not submittable
            }
            if (hasDatalistAncestor(e) || FormControls.matchesDisabled(e)) {
                continue;
            }
            String type = FormControls.type(e);
            if (tag.equals("input") && Set.of("submit", "reset", "button", "image").contains(type)) {
                continue;
            }
            if ((type.equals("checkbox") || type.equals("radio")) && !FormControls.checked(e)) {
                continue;
            }
            String name = e.attr("name");
            if (name.isEmpty()) {
                continue;
            }
            if (tag.equals("select")) {
                for (Element o : FormControls.selectedOptions(e)) {
                    if (!FormControls.matchesDisabled(o)) {
                        fd.append(name, FormControls.optionValue(o));
                    }
                }
            } else if (type.equals("checkbox") || type.equals("radio")) {
                fd.append(name, InputValues.checkableValue(e));
            } else if (type.equals("file")) {
                fd.append(name, JsFile.EMPTY); // no file selected: one empty File
            } else if (type.equals("hidden") && name.equalsIgnoreCase("_charset_")) {
                fd.append(name, "UTF-8");
            } else {
                fd.append(name, FormControls.value(e));
            }
            if (e.hasAttr("dirname") && !e.attr("dirname").isEmpty()
                && (tag.equals("textarea") || Set.of("text", "search", "tel", "url", "email", "password",
                    "hidden", "submit", "reset").contains(type))) {
                fd.append(e.attr("dirname"), direction(e));
            }
        }
        return fd;
    }

    private static boolean hasDatalistAncestor(Element e) {
        for (Element p = e.parent(); p != null; p = p.parent()) {
            if (FormControls.is(p, "datalist")) {
                return true;
            }
        }
        return false;
    }

    /** Directionality for dirname: the nearest explicit dir (auto treated as ltr), else ltr. */
    private static String direction(Element e) {
        for (Element p = e; p != null; p = p.parent()) {
            String d = p.attr("dir").toLowerCase(java.util.Locale.ROOT);
            if (d.equals("rtl") || d.equals("ltr")) {
                return d;
            }
        }
        return "ltr";
    }
}
