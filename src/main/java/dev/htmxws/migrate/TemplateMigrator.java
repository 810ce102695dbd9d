package dev.htmxws.migrate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.Range;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeVisitor;

/**
 * Rewrites the legacy htmx attributes of one template text (docs/spec/migrate.md). Pure: text in, edits and findings
 * out. Only live attributes are touched, found by parsing the masked text with source positions; every other
 * byte of the text stays as it was.
 */
public final class TemplateMigrator {

    /** What a run over one text produced. */
    public record Result(String output, List<Edit> edits, List<Finding> findings) {
        public boolean changed() {
            return !edits.isEmpty();
        }
    }

    private final Target target;

    public TemplateMigrator(Target target) {
        this.target = target;
    }

    public Target target() {
        return target;
    }

    public Result migrate(String text) {
        return new Run(text, target).run();
    }

    /** State of one migration of one text. */
    private static final class Run {
        private final String text;
        private final Target target;
        private final TemplateMask mask;
        private final String masked;
        private final List<Edit> edits = new ArrayList<>();
        private final List<Raw> raw = new ArrayList<>();
        /** Where each start tag's first attribute is, to tell the parser's copies of an element from the element. */
        private final Set<Integer> startTags = new HashSet<>();
        /** Name offsets of every legacy attribute seen live, so the text scan does not report them again. */
        private final Set<Integer> seen = new HashSet<>();
        /** Extensions this run adds to an element's hx-ext (or inserts), visible to its descendants. */
        private final Map<Element, Set<String>> added = new HashMap<>();
        /** html/body: how many of their start tags in the source carry attributes a rewrite may touch. */
        private final Map<String, Integer> mergedTagCounts = new HashMap<>();
        private List<int[]> startTagRanges;
        private List<int[]> inertRanges;
        /** Attribute names built by a template that render a legacy attribute: reported, never rewritten. */
        private List<GeneratedNames.Name> generated = List.of();
        private Document doc;
        private boolean usesWs;
        private boolean usesSse;

        /** A finding before line/column are known. */
        private record Raw(int offset, Level level, String code, String message) {
        }

        Run(String text, Target target) {
            this.text = text;
            this.target = target;
            this.mask = TemplateMask.of(text);
            this.masked = mask.masked();
        }

        Result run() {
            Parser parser = Parser.htmlParser().setTrackPosition(true);
            doc = Jsoup.parse(masked, "", parser);
            reportGeneratedNames();
            for (Element e : doc.getAllElements()) {
                if (e.attributesSize() > 0) {
                    element(e);
                }
            }
            ScriptCheck.check(doc, this::srcOf, target, usesWs, usesSse, this::report);
            scanLegacyText();
            if (target == Target.HTMX4) {
                EventRenames.scan(text, h -> report(h.offset(), Level.WARNING, "renamed-event",
                    "\"" + h.written() + "\" is the htmx 2 event " + h.oldName() + "; htmx 4 calls it " + h.newName()
                        + " (not rewritten: update the listener by hand)"));
            }
            return finish();
        }

        // ------------------------------------------------------------------ elements

        /** One live attribute of interest, located in the source. */
        private record Attr(Attribute attribute, AttributeSyntax.Span span, String prefix) {
            String key() {
                return attribute.getKey();
            }
        }

        private void element(Element e) {
            if (e.attributesSize() > 0 && isCopy(e)) {
                return;
            }
            List<Attr> legacy = null;
            Map<String, Attr> others = null;
            List<Attr> renamable = null;
            for (Attribute a : e.attributes()) {
                String key = a.getKey();
                if (inGeneratedName(a)) {
                    continue;
                }
                BoundAttributes.Binding binding = BoundAttributes.of(key);
                if (binding != null) {
                    reportBound(e, a, binding);
                    continue;
                }
                String base = key.startsWith("data-") ? key.substring(5) : key;
                boolean isLegacy = base.equals("hx-ws") || base.equals("hx-sse");
                if (!isLegacy && !Vocabulary.INTERESTING.contains(base)) {
                    continue;
                }
                Attr at = locate(e, a);
                if (at == null) {
                    continue;
                }
                if (isLegacy) {
                    if (legacy == null) {
                        legacy = new ArrayList<>(2);
                    }
                    legacy.add(at);
                    seen.add(at.span.nameStart());
                } else {
                    if (others == null) {
                        others = new HashMap<>();
                    }
                    others.putIfAbsent(base, at);
                    if (Vocabulary.RENAMED_IN_4.containsKey(base)) {
                        if (renamable == null) {
                            renamable = new ArrayList<>(2);
                        }
                        renamable.add(at);
                    }
                }
            }
            if (legacy == null && others == null) {
                return;
            }
            Map<String, Attr> existing = others == null ? Map.of() : others;
            noteNewStyleUse(existing);

            Set<String> duplicated = duplicates(e);
            List<Legacy> parsed = legacy == null ? List.of() : parseLegacy(legacy, duplicated);
            if (duplicated.contains("ext") && target == Target.HTMX4) {
                existing = new HashMap<>(existing);
                existing.remove("hx-ext"); // which one is live would change: reported, left as is
            }
            int editsBefore = edits.size();
            int rawBefore = raw.size();
            if (target == Target.HTMX2) {
                new Htmx2Element(e, parsed, existing).rewrite();
            } else {
                new Htmx4Element(e, parsed, existing, renamable == null ? List.of() : renamable).rewrite();
            }
            if (edits.size() > editsBefore && mergesRepeatedTags(e)) {
                // undone as a whole: what the element's rewrite found is moot while it is left as is
                edits.subList(editsBefore, edits.size()).clear();
                raw.subList(rawBefore, raw.size()).clear();
                added.remove(e);
                reportMerged(e, legacy, existing.values());
            }
        }

        /**
         * True for {@code <html>} or {@code <body>} when more than one of its start tags in the source carries names a
         * rewrite may touch. Browsers merge every such tag into one element, the first tag winning for each name, so
         * removing {@code hx-sse} from the first one would bring a later one's {@code hx-sse} to life; and a template
         * may mean them as alternatives ({@code {% if %}<body …>{% else %}<body …>}), which the HTML alone cannot
         * tell. Either way one rewrite would not do, so none is made.
         */
        private boolean mergesRepeatedTags(Element e) {
            String tag = e.normalName();
            if (!tag.equals("html") && !tag.equals("body")) {
                return false;
            }
            return mergedTagCounts.computeIfAbsent(tag, this::tagsCarryingRewritableNames) > 1;
        }

        private int tagsCarryingRewritableNames(String tag) {
            String open = "<" + tag;
            int count = 0;
            for (int i = indexOfTagOpen(masked, open, 0); i >= 0; i = indexOfTagOpen(masked, open, i + 1)) {
                int after = i + open.length();
                char next = after < masked.length() ? masked.charAt(after) : '>';
                if (!AttributeSyntax.isSpace(next) && next != '/' && next != '>') {
                    continue;
                }
                if (!isStartTag(i)) {
                    continue;
                }
                for (AttributeSyntax.Span s : AttributeSyntax.startTag(masked, i)) {
                    if (Vocabulary.rewritable(s.name())) {
                        count++;
                        break;
                    }
                }
            }
            return count;
        }

        /** True when {@code <} at {@code pos} opens a tag: not in text, a comment or script, nor in another tag. */
        private boolean isStartTag(int pos) {
            for (int[] r : startTagRanges()) {
                if (r[0] < pos && pos < r[1]) {
                    return false;
                }
            }
            return !inside(inertRanges(), pos);
        }

        /** Source ranges of every element's own start tag, made when first needed. */
        private List<int[]> startTagRanges() {
            if (startTagRanges == null) {
                startTagRanges = new ArrayList<>();
                for (Element el : doc.getAllElements()) {
                    Range r = el.sourceRange();
                    if (r.isTracked() && !r.isImplicit() && r.endPos() > r.startPos()) {
                        startTagRanges.add(new int[] {r.startPos(), r.endPos()});
                    }
                }
            }
            return startTagRanges;
        }

        /** The attribute of an element's own start tag in whose value {@code pos} lies, or null. */
        private AttributeSyntax.Span valueHolding(int pos) {
            for (int[] r : startTagRanges()) {
                if (r[0] < pos && pos < r[1] && masked.charAt(r[0]) == '<') {
                    for (AttributeSyntax.Span s : AttributeSyntax.startTag(masked, r[0])) {
                        if (s.hasValue() && s.valueStart() <= pos && pos < s.valueEnd()) {
                            return s;
                        }
                    }
                }
            }
            return null;
        }

        /** True when {@code pos} lies among the attributes of an element's own start tag, not in a value. */
        private boolean amongAttributes(int pos) {
            for (int[] r : startTagRanges()) {
                if (r[0] < pos && pos < r[1] && masked.charAt(r[0]) == '<') {
                    return valueHolding(pos) == null;
                }
            }
            return false;
        }

        // ------------------------------------------------------------------ names a template makes or binds

        private void reportGeneratedNames() {
            generated = GeneratedNames.find(mask, this::amongAttributes);
            for (GeneratedNames.Name n : generated) {
                report(n.start(), Level.ERROR, "generated-name", text.substring(n.start(), n.end())
                    + ": the attribute name is generated by a template; left as is, migrate it by hand");
            }
        }

        /** True for a piece of a generated name, which the parser took for an attribute of its own. */
        private boolean inGeneratedName(Attribute a) {
            Range.AttributeRange r = a.sourceRange();
            if (generated.isEmpty() || !r.isTracked()) {
                return false;
            }
            int at = r.nameRange().startPos();
            for (GeneratedNames.Name n : generated) {
                if (n.contains(at)) {
                    seen.add(at);
                    return true;
                }
            }
            return false;
        }

        /** A legacy attribute (or, for htmx 4, an htmx 2 one) set by a framework binding: a person must migrate it. */
        private void reportBound(Element e, Attribute a, BoundAttributes.Binding b) {
            String base = b.bound().startsWith("data-") ? b.bound().substring(5) : b.bound();
            String instead = insteadOf(base);
            if (instead == null) {
                return;
            }
            Range.AttributeRange r = a.sourceRange();
            int at = r.isTracked() ? r.nameRange().startPos() : Math.max(0, e.sourceRange().startPos());
            String written = r.isTracked() ? text.substring(r.nameRange().startPos(), r.nameRange().endPos())
                : a.getKey();
            report(at, Level.WARNING, "bound-attribute", written + " is bound by " + b.framework()
                + ": its value is only known when the page renders, so it is not rewritten; bind " + instead
                + " by hand");
        }

        /** What a bound attribute should bind after the migration, or null when it needs no migration. */
        private String insteadOf(String base) {
            if (base.equals("hx-ws")) {
                return target == Target.HTMX2 ? "ws-connect or ws-send (with hx-ext=\"ws\")"
                    : "hx-ws:connect or hx-ws:send";
            }
            if (base.equals("hx-sse")) {
                return target == Target.HTMX2 ? "sse-connect or sse-swap (with hx-ext=\"sse\")" : "hx-sse:connect";
            }
            if (target == Target.HTMX4 && Vocabulary.RENAMED_IN_4.containsKey(base)) {
                return Vocabulary.RENAMED_IN_4.get(base);
            }
            return null;
        }

        /** Next place at or after {@code from} where {@code open} ("<body") starts, case-insensitive. */
        private static int indexOfTagOpen(String s, String open, int from) {
            for (int i = s.indexOf('<', from); i >= 0; i = s.indexOf('<', i + 1)) {
                if (s.regionMatches(true, i, open, 0, open.length())) {
                    return i;
                }
            }
            return -1;
        }

        private void reportMerged(Element e, List<Attr> legacy, Collection<Attr> others) {
            List<Attr> touched = new ArrayList<>(legacy == null ? List.of() : legacy);
            for (Attr at : others) {
                if (Vocabulary.rewritable(at.key())) {
                    touched.add(at);
                }
            }
            String tag = e.normalName();
            int tags = mergedTagCounts.get(tag);
            for (Attr at : touched) {
                seen.add(at.span.nameStart());
                report(at.span.nameStart(), Level.ERROR, "repeated-start-tag",
                    text.substring(at.span.nameStart(), at.span.nameEnd()) + " on <" + tag + ">: " + tags + " <" + tag
                        + "> start tags carry htmx attributes, which browsers merge into one element (a template may"
                        + " mean them as alternatives); left as is, migrate them by hand");
            }
        }

        /**
         * True for an element the parser made again from one already seen: the HTML tree builder reopens formatting
         * elements ({@code <a>}, {@code <b>}, {@code <font>}…) left open across blocks, with the same attributes and
         * source positions. Rewriting both made two edits of one attribute, and the run threw.
         */
        private boolean isCopy(Element e) {
            Range.AttributeRange first = e.attributes().asList().get(0).sourceRange();
            return first.isTracked() && !startTags.add(first.nameRange().startPos());
        }

        /** The attribute's exact place in the source, or null (reported) when the parser's range is not it. */
        private Attr locate(Element e, Attribute a) {
            Range.AttributeRange r = a.sourceRange();
            String key = a.getKey();
            String prefix = key.startsWith("data-") ? "data-" : "";
            if (r.isTracked()) {
                int ns = r.nameRange().startPos();
                int ne = r.nameRange().endPos();
                if (ne - ns == key.length() && masked.regionMatches(true, ns, key, 0, key.length())) {
                    AttributeSyntax.Span span = AttributeSyntax.afterName(masked, ns, ne);
                    Range vr = r.valueRange();
                    boolean valueAgrees = !vr.isTracked() || vr.startPos() == vr.endPos()
                        || (vr.startPos() == span.valueStart() && vr.endPos() == span.valueEnd());
                    if (valueAgrees) {
                        return new Attr(a, span, prefix);
                    }
                }
            }
            if (isLegacyKey(key)) {
                int at = r.isTracked() ? r.nameRange().startPos() : Math.max(0, e.sourceRange().startPos());
                seen.add(at);
                report(at, Level.ERROR, "unlocated-tag", key + " on <" + e.tagName()
                    + ">: its start tag could not be located exactly in the source; left as is, migrate it by hand");
            }
            return null;
        }

        private static boolean isLegacyKey(String key) {
            String base = key.startsWith("data-") ? key.substring(5) : key;
            return base.equals("hx-ws") || base.equals("hx-sse");
        }

        private void noteNewStyleUse(Map<String, Attr> existing) {
            for (String k : existing.keySet()) {
                if (k.startsWith("ws-") || k.startsWith("hx-ws:")) {
                    usesWs = true;
                } else if (k.startsWith("sse-") || k.startsWith("hx-sse:")) {
                    usesSse = true;
                }
            }
        }

        /** A legacy attribute with its parsed value; {@code value} is null when the attribute is in error. */
        private record Legacy(Attr attr, boolean sse, LegacyValue value) {
            boolean ok() {
                return value != null && !value.hasError();
            }
        }

        private List<Legacy> parseLegacy(List<Attr> attrs, Set<String> duplicated) {
            List<Legacy> out = new ArrayList<>(attrs.size());
            for (Attr at : attrs) {
                AttributeSyntax.Span sp = at.span;
                String key = at.key();
                boolean sse = key.endsWith("hx-sse");
                String written = text.substring(sp.nameStart(), sp.end());
                if (duplicated.contains(sse ? "sse" : "ws")) {
                    out.add(new Legacy(at, sse, null));
                    continue;
                }
                String problem = dynamicProblem(sp);
                if (problem != null) {
                    report(sp.nameStart(), Level.ERROR, problem.startsWith("name") ? "generated-name" : "dynamic-value",
                        written + ": " + problem.substring(problem.indexOf(':') + 1).strip()
                            + "; left as is, migrate it by hand");
                    out.add(new Legacy(at, sse, null));
                    continue;
                }
                LegacyValue v = LegacyValue.parse(mask, sp.valueStart(), sp.valueEnd(), sse, sp.nameStart(),
                    text.substring(sp.nameStart(), sp.nameEnd()));
                for (LegacyValue.Issue is : v.issues) {
                    report(is.offset(), is.level(), is.code(), is.message());
                }
                out.add(new Legacy(at, sse, v));
            }
            return out;
        }

        /**
         * Families (ws, sse; ext for hx-ext with --to 4) written more than once in this element's start tag,
         * reported at each place: browsers keep the first, so rewriting one would change which one is live.
         */
        private Set<String> duplicates(Element e) {
            Range r = e.sourceRange();
            if (!r.isTracked() || r.isImplicit() || r.endPos() <= r.startPos() || masked.charAt(r.startPos()) != '<') {
                return Set.of();
            }
            Map<String, List<AttributeSyntax.Span>> byFamily = new HashMap<>();
            for (AttributeSyntax.Span s : AttributeSyntax.startTag(masked, r.startPos())) {
                String base = s.name().startsWith("data-") ? s.name().substring(5) : s.name();
                if (base.equals("hx-ws") || base.equals("hx-sse")
                    || (target == Target.HTMX4 && base.equals("hx-ext"))) {
                    byFamily.computeIfAbsent(base.substring(3), k -> new ArrayList<>()).add(s);
                }
            }
            Set<String> out = new HashSet<>();
            for (Map.Entry<String, List<AttributeSyntax.Span>> f : byFamily.entrySet()) {
                if (f.getValue().size() < 2) {
                    continue;
                }
                out.add(f.getKey());
                for (AttributeSyntax.Span s : f.getValue()) {
                    seen.add(s.nameStart());
                    report(s.nameStart(), Level.ERROR, "duplicate-attribute",
                        text.substring(s.nameStart(), s.nameEnd()) + " is one of " + f.getValue().size()
                            + " hx-" + f.getKey() + " attributes on <" + e.tagName()
                            + ">: browsers keep only the first; left as is, keep one by hand");
                }
            }
            return out;
        }

        /** Why a value cannot be read as text, as "name: …" or "value: …", or null. */
        private String dynamicProblem(AttributeSyntax.Span sp) {
            TemplateMask.Region before = mask.regionEndingAt(sp.nameStart());
            TemplateMask.Region after = mask.regionStartingAt(sp.nameEnd());
            if ((before != null && before.kind() == TemplateMask.Kind.EXPRESSION)
                || (after != null && after.kind() == TemplateMask.Kind.EXPRESSION)) {
                return "name: the attribute name is generated by a template";
            }
            if (!sp.hasValue()) {
                return null;
            }
            if (sp.quote() == 0) {
                if (mask.intersects(sp.valueStart(), Math.max(sp.valueEnd(), sp.valueStart() + 1))
                    || mask.regionStartingAt(sp.valueEnd()) != null) {
                    return "value: the value is an unquoted template or host-language expression";
                }
                return null;
            }
            for (int i = sp.valueStart(); i < sp.valueEnd(); i++) {
                char c = text.charAt(i);
                if ((c == '"' || c == '\'') && mask.regionAt(i) == null) {
                    return "value: the value holds a quote, so it is built by the host language";
                }
            }
            int i = sp.end();
            while (i < text.length() && AttributeSyntax.isSpace(text.charAt(i))) {
                i++;
            }
            if (i < text.length() && "+&~.|".indexOf(text.charAt(i)) >= 0) {
                return "value: the value is concatenated by the host language";
            }
            return null;
        }

        // ------------------------------------------------------------------ htmx 2

        private final class Htmx2Element {
            private final Element e;
            private final List<Legacy> legacy;
            private final Map<String, Attr> existing;

            Htmx2Element(Element e, List<Legacy> legacy, Map<String, Attr> existing) {
                this.e = e;
                this.legacy = legacy;
                this.existing = existing;
            }

            void rewrite() {
                if (legacy.isEmpty()) {
                    return;
                }
                Map<Legacy, List<String>> pieces = new HashMap<>();
                Set<String> needs = new LinkedHashSet<>();
                for (Legacy l : legacy) {
                    if (!l.ok()) {
                        continue;
                    }
                    List<String> p = l.sse() ? sse(l) : ws(l);
                    if (p == null) {
                        continue;
                    }
                    pieces.put(l, p);
                    if (!l.value().connects.isEmpty() || l.value().empty) {
                        needs.add(l.sse() ? "sse" : "ws");
                    }
                    if (l.sse()) {
                        usesSse = true;
                    } else {
                        usesWs = true;
                    }
                }
                if (pieces.isEmpty()) {
                    return;
                }
                List<String> missing = new ArrayList<>();
                Attr own = existing.containsKey("hx-ext") ? existing.get("hx-ext") : null;
                List<String> ownList = own == null ? List.of() : Vocabulary.extensions(own.attribute().getValue());
                for (String ext : List.of("ws", "sse")) {
                    if (needs.contains(ext) && !ownList.contains(ext) && !inherited(e, ext)) {
                        missing.add(ext);
                    }
                }
                if (!missing.isEmpty()) {
                    added.computeIfAbsent(e, k -> new HashSet<>()).addAll(missing);
                }
                Legacy first = null;
                for (Legacy l : legacy) {
                    if (pieces.containsKey(l)) {
                        first = l;
                        break;
                    }
                }
                if (!missing.isEmpty() && own != null) {
                    appendExtensions(own, missing);
                } else if (!missing.isEmpty()) {
                    char q = quoteFor(first.attr().span(), String.join(", ", missing));
                    pieces.get(first).add(0, first.attr().prefix() + "hx-ext=" + q + String.join(", ", missing) + q);
                }
                for (Legacy l : legacy) {
                    List<String> p = pieces.get(l);
                    if (p != null) {
                        replaceAttribute(l.attr().span(), p);
                    }
                }
            }

            private List<String> ws(Legacy l) {
                LegacyValue v = l.value();
                String p = l.attr().prefix();
                List<String> out = new ArrayList<>(3);
                if (!v.connects.isEmpty()) {
                    String a = connectAttribute(e, l, p + "ws-connect", existing, "ws-connect");
                    if (a == null) {
                        return null;
                    }
                    out.add(a);
                }
                if (v.send) {
                    Attr same = existing.get("ws-send");
                    if (same != null && !conditional(same.span()) && !conditional(l.attr().span())) {
                        report(l.attr().span().nameStart(), Level.INFO, "ws-send-exists", "<" + e.tagName()
                            + "> already has ws-send; no second one is added");
                    } else {
                        out.add(p + "ws-send");
                    }
                }
                if (v.empty) {
                    report(l.attr().span().nameStart(), Level.INFO, "empty-value", written(l)
                        + " is empty: it becomes hx-ext=\"ws\" (the official migration table)");
                }
                return out;
            }

            private List<String> sse(Legacy l) {
                LegacyValue v = l.value();
                String p = l.attr().prefix();
                List<String> out = new ArrayList<>(2);
                if (!v.connects.isEmpty()) {
                    String a = connectAttribute(e, l, p + "sse-connect", existing, "sse-connect");
                    if (a == null) {
                        return null;
                    }
                    out.add(a);
                }
                if (!v.swaps.isEmpty()) {
                    if (existing.containsKey("sse-swap")) {
                        conflict(e, l, "sse-swap");
                        return null;
                    }
                    List<String> events = new ArrayList<>();
                    for (LegacyValue.Piece s : v.swaps) {
                        events.add(piece(s));
                    }
                    String joined = String.join(",", events);
                    char q = quoteFor(l.attr().span(), joined);
                    if (q == 0) {
                        unquotable(l);
                        return null;
                    }
                    out.add(p + "sse-swap=" + q + joined + q);
                }
                if (v.empty) {
                    report(l.attr().span().nameStart(), Level.INFO, "empty-value", written(l)
                        + " is empty: it becomes hx-ext=\"sse\"");
                }
                return out;
            }

            /** Adds the missing extensions to the element's existing hx-ext, in place. */
            private void appendExtensions(Attr own, List<String> missing) {
                AttributeSyntax.Span s = own.span();
                String add = String.join(", ", missing);
                if (!s.hasValue()) {
                    edits.add(new Edit(s.nameEnd(), s.nameEnd(), "=\"" + add + "\""));
                    return;
                }
                String value = text.substring(s.valueStart(), s.valueEnd());
                if (s.quote() == 0) {
                    String v = value.isBlank() ? add : value + ", " + add;
                    edits.add(new Edit(s.valueStart(), s.valueEnd(), "\"" + v + "\""));
                } else if (value.isBlank()) {
                    edits.add(new Edit(s.valueStart(), s.valueEnd(), add));
                } else {
                    int end = s.valueEnd();
                    while (end > s.valueStart() && AttributeSyntax.isSpace(text.charAt(end - 1))) {
                        end--;
                    }
                    edits.add(new Edit(end, end, ", " + add));
                }
            }
        }

        /**
         * True when a template conditional stands right before or after the attribute ({@code {% if %}attr}):
         * then another attribute saying the same thing may not be there when this one is.
         */
        private boolean conditional(AttributeSyntax.Span span) {
            int before = span.nameStart();
            while (before > 0 && AttributeSyntax.isSpace(text.charAt(before - 1))) {
                before--;
            }
            int after = span.end();
            while (after < text.length() && AttributeSyntax.isSpace(text.charAt(after))) {
                after++;
            }
            TemplateMask.Region b = mask.regionEndingAt(before);
            TemplateMask.Region a = mask.regionStartingAt(after);
            return (b != null && b.kind() == TemplateMask.Kind.CONTROL)
                || (a != null && a.kind() == TemplateMask.Kind.CONTROL);
        }

        /** True when an ancestor lists the extension (in the source or by this run) with no ignore: between. */
        private boolean inherited(Element e, String ext) {
            for (Element a = e.parent(); a != null; a = a.parent()) {
                List<String> list = new ArrayList<>();
                String v = a.hasAttr("hx-ext") ? a.attr("hx-ext") : a.attr("data-hx-ext");
                list.addAll(Vocabulary.extensions(v));
                Set<String> more = added.get(a);
                if (more != null) {
                    list.addAll(more);
                }
                if (list.contains("ignore:" + ext)) {
                    return false;
                }
                if (list.contains(ext)) {
                    return true;
                }
            }
            return false;
        }

        // ------------------------------------------------------------------ htmx 4

        private final class Htmx4Element {
            private final Element e;
            private final List<Legacy> legacy;
            private final Map<String, Attr> existing;

            private final List<Attr> renamable;

            Htmx4Element(Element e, List<Legacy> legacy, Map<String, Attr> existing, List<Attr> renamable) {
                this.e = e;
                this.legacy = legacy;
                this.existing = existing;
                this.renamable = renamable;
            }

            void rewrite() {
                boolean migrated = false;
                boolean connect = existing.containsKey("ws-connect");
                boolean send = existing.containsKey("ws-send");
                for (Legacy l : legacy) {
                    if (!l.ok()) {
                        continue;
                    }
                    connect |= !l.sse() && !l.value().connects.isEmpty();
                    send |= !l.sse() && l.value().send;
                    List<String> p = l.sse() ? sse(l) : ws(l);
                    if (p != null) {
                        replaceAttribute(l.attr().span(), p);
                        migrated = true;
                    }
                }
                for (Attr at : renamable) {
                    String key = at.key();
                    rename(at, Vocabulary.RENAMED_IN_4.get(key.startsWith("data-") ? key.substring(5) : key));
                }
                Attr swap = existing.get("sse-swap");
                if (swap != null) {
                    report(swap.span().nameStart(), Level.ERROR, "no-htmx4-equivalent", written(swap.span())
                        + " has no htmx 4 equivalent: named SSE events become DOM events"
                        + " (use hx-trigger=\"EVENT from:…\"); left as is");
                }
                Attr ext = existing.get("hx-ext");
                if (ext != null) {
                    dropExtensions(ext,
                        migrated || existing.keySet().stream().anyMatch(Vocabulary.RENAMED_IN_4::containsKey));
                }
                Attr trigger = existing.get("hx-trigger");
                if (trigger != null && trigger.attribute().getValue().contains("sse:")) {
                    report(trigger.span().nameStart(), Level.WARNING, "sse-trigger", written(trigger.span())
                        + ": htmx 4 has no sse: trigger; SSE events fire as DOM events on the connect element"
                        + " (hx-trigger=\"EVENT from:…\")");
                }
                if (connect && trigger != null) {
                    report(trigger.span().nameStart(), Level.WARNING, "connect-trigger", written(trigger.span())
                        + " on a connect element: in htmx 4 it decides when the socket opens (default: load)");
                }
                if (connect || send) {
                    for (String name : List.of("hx-target", "hx-vals", "hx-headers")) {
                        Attr at = existing.get(name);
                        if (at != null) {
                            report(at.span().nameStart(), Level.WARNING, "changed-meaning", written(at.span())
                                + " on a " + (connect ? "connect" : "send") + " element: "
                                + Vocabulary.CHANGED_IN_4.get(name));
                        }
                    }
                }
            }

            private List<String> ws(Legacy l) {
                LegacyValue v = l.value();
                String p = l.attr().prefix();
                List<String> out = new ArrayList<>(2);
                if (!v.connects.isEmpty()) {
                    String a = connectAttribute(e, l, p + "hx-ws:connect", existing, "ws-connect", "hx-ws:connect");
                    if (a == null) {
                        return null;
                    }
                    out.add(a);
                }
                Attr same = existing.containsKey("hx-ws:send") ? existing.get("hx-ws:send") : existing.get("ws-send");
                if (v.send && (same == null || conditional(same.span()) || conditional(l.attr().span()))) {
                    out.add(p + "hx-ws:send");
                }
                if (v.empty) {
                    report(l.attr().span().nameStart(), Level.INFO, "empty-value", written(l)
                        + " is empty: htmx 4 needs nothing in its place; removed");
                }
                usesWs = true;
                return out;
            }

            private List<String> sse(Legacy l) {
                LegacyValue v = l.value();
                if (!v.swaps.isEmpty()) {
                    report(l.attr().span().nameStart(), Level.ERROR, "no-htmx4-equivalent", written(l)
                        + ": swap: has no htmx 4 equivalent (named SSE events become DOM events,"
                        + " use hx-trigger=\"EVENT from:…\"); left as is");
                    return null;
                }
                List<String> out = new ArrayList<>(1);
                if (!v.connects.isEmpty()) {
                    String a = connectAttribute(e, l, l.attr().prefix() + "hx-sse:connect", existing, "sse-connect",
                        "hx-sse:connect");
                    if (a == null) {
                        return null;
                    }
                    out.add(a);
                }
                if (v.empty) {
                    report(l.attr().span().nameStart(), Level.INFO, "empty-value", written(l)
                        + " is empty: htmx 4 needs nothing in its place; removed");
                }
                usesSse = true;
                return out;
            }

            private void rename(Attr at, String newBase) {
                String newName = at.prefix() + newBase;
                if (e.hasAttr(newName)) {
                    report(at.span().nameStart(), Level.ERROR, "conflicting-attribute", "<" + e.tagName()
                        + "> already has " + newName + "; " + written(at.span()) + " left as is, merge them by hand");
                    return;
                }
                edits.add(new Edit(at.span().nameStart(), at.span().nameEnd(), newName));
            }

            /**
             * Removes ws and sse from hx-ext; the attribute goes when nothing is left. Other extensions are
             * reported when the list changed or the element becomes an htmx 4 element (htmx 4 has no hx-ext).
             */
            private void dropExtensions(Attr ext, boolean elementMigrated) {
                AttributeSyntax.Span s = ext.span();
                if (!s.hasValue()) {
                    return;
                }
                String value = text.substring(s.valueStart(), s.valueEnd());
                String[] parts = value.split(",", -1);
                List<String> kept = new ArrayList<>();
                boolean dropped = false;
                for (String part : parts) {
                    String t = part.strip();
                    if (t.equals("ws") || t.equals("sse")) {
                        dropped = true;
                    } else if (!t.isEmpty()) {
                        kept.add(part);
                    }
                }
                if (!dropped) {
                    if (elementMigrated && !kept.isEmpty()) {
                        report(s.nameStart(), Level.WARNING, "other-extensions", written(s) + ": htmx 4 has no hx-ext;"
                            + " these extensions must be loaded by <script> in htmx 4");
                    }
                    return;
                }
                if (kept.isEmpty()) {
                    removeAttribute(s);
                    return;
                }
                String joined = String.join(",", kept);
                String lead = value.substring(0, value.length() - value.stripLeading().length());
                String trail = value.substring(value.stripTrailing().length());
                String nv = lead + joined.strip() + trail;
                edits.add(new Edit(s.valueStart(), s.valueEnd(), nv));
                report(s.nameStart(), Level.WARNING, "other-extensions", written(s) + ": htmx 4 has no hx-ext;"
                    + " the other extensions (" + joined.strip() + ") must be loaded by <script> in htmx 4");
            }
        }

        // ------------------------------------------------------------------ edits

        /**
         * {@code name="URL"} for the legacy attribute's connect URL, or null (reported) when the element
         * already has one of the {@code conflicting} attributes or the URL cannot be quoted.
         */
        private String connectAttribute(Element e, Legacy l, String name, Map<String, Attr> existing,
            String... conflicting) {
            for (String c : conflicting) {
                if (existing.containsKey(c)) {
                    conflict(e, l, c);
                    return null;
                }
            }
            String url = piece(l.value().connects.get(0));
            char q = quoteFor(l.attr().span(), url);
            if (q == 0) {
                unquotable(l);
                return null;
            }
            return name + "=" + q + url + q;
        }

        private void conflict(Element e, Legacy l, String name) {
            report(l.attr().span().nameStart(), Level.ERROR, "conflicting-attribute", "<" + e.tagName()
                + "> already has " + name + "; " + written(l) + " left as is, merge them by hand");
        }

        private String piece(LegacyValue.Piece p) {
            return text.substring(p.start(), p.end());
        }

        private String written(Legacy l) {
            return written(l.attr().span());
        }

        private String written(AttributeSyntax.Span s) {
            return text.substring(s.nameStart(), s.end());
        }

        /**
         * The old attribute's quote (" for an unquoted one), or the other quote if the value holds it; 0 if it
         * holds both. Quotes inside a template construct do not count: the browser never sees them.
         */
        private char quoteFor(AttributeSyntax.Span span, String value) {
            char q = span.quote() == 0 ? '"' : span.quote();
            String plain = value;
            int at = text.indexOf(value, span.valueStart());
            if (at >= 0 && at < span.end() && !mask.regions().isEmpty()) {
                StringBuilder b = new StringBuilder(value.length());
                for (int i = 0; i < value.length(); i++) {
                    if (mask.regionAt(at + i) == null) {
                        b.append(value.charAt(i));
                    }
                }
                plain = b.toString();
            }
            if (plain.indexOf(q) < 0) {
                return q;
            }
            char other = q == '"' ? '\'' : '"';
            return plain.indexOf(other) < 0 ? other : 0;
        }

        private void unquotable(Legacy l) {
            report(l.attr().span().nameStart(), Level.ERROR, "dynamic-value", written(l)
                + ": the value holds both quote characters; left as is, migrate it by hand");
        }

        private void replaceAttribute(AttributeSyntax.Span span, List<String> pieces) {
            if (pieces.isEmpty()) {
                removeAttribute(span);
            } else {
                edits.add(
                    new Edit(span.nameStart(), span.end(), String.join(" ", pieces) + (gluedToNext(span) ? " " : "")));
            }
        }

        /** Removes an attribute together with the whitespace before it. */
        private void removeAttribute(AttributeSyntax.Span span) {
            int start = span.nameStart();
            while (start > 0 && AttributeSyntax.isSpace(text.charAt(start - 1))) {
                start--;
            }
            edits.add(new Edit(start, span.end(), gluedToNext(span) ? " " : ""));
        }

        /**
         * True when the next attribute starts right after this one's closing quote ({@code hx-ws="send"id="f"}, which
         * browsers read as two attributes): a replacement ending in a bare name ({@code ws-send}) or a removal would
         * join the two into one name, so a space is kept between them.
         */
        private boolean gluedToNext(AttributeSyntax.Span span) {
            if (span.end() >= masked.length()) {
                return false;
            }
            char c = masked.charAt(span.end());
            return !AttributeSyntax.isSpace(c) && c != '>' && c != '/';
        }

        private String srcOf(Element script) {
            Attribute a = script.attribute("src");
            if (a == null) {
                return null;
            }
            Attr at = locate(script, a);
            if (at == null || !at.span().hasValue()) {
                return a.getValue();
            }
            return text.substring(at.span().valueStart(), at.span().valueEnd());
        }

        // ------------------------------------------------------------------ text that is not a live attribute

        /** Legacy attribute text the parser did not show as a live attribute: reported, never rewritten. */
        private void scanLegacyText() {
            for (int at = nextLegacyName(0); at >= 0; at = nextLegacyName(at + 1)) {
                if (seen.contains(at) || inGeneratedName(at)) {
                    continue;
                }
                String name = text.substring(at, legacyNameEnd(at));
                TemplateMask.Region r = mask.regionAt(at);
                if (r != null && r.kind() == TemplateMask.Kind.COMMENT) {
                    report(at, Level.INFO, "not-live", name + " inside a template comment; left as is");
                } else if (r != null) {
                    report(at, Level.WARNING, "not-live-template", name
                        + " written inside a template expression; not rewritten, migrate it by hand");
                } else {
                    AttributeSyntax.Span holder = valueHolding(at);
                    if (holder != null && BoundAttributes.setsOthers(holder.name())) {
                        String setter = text.substring(holder.nameStart(), holder.nameEnd());
                        report(at, Level.WARNING, "bound-attribute", name + " is set by " + setter + " (Thymeleaf):"
                            + " its value is only known when the page renders, so it is not rewritten; set "
                            + insteadOf(name.toLowerCase(java.util.Locale.ROOT).replaceFirst("^data-", ""))
                            + " by hand");
                    } else if (holder != null) {
                        report(at, Level.INFO, "not-live", name + " inside another attribute's value is not an"
                            + " attribute; left as is");
                    } else if (inside(inertRanges(), at)) {
                        report(at, Level.INFO, "not-live", name
                            + " in a comment, script, textarea, title or escaped text is not an attribute; left as is");
                    } else {
                        report(at, Level.WARNING, "hidden-attribute", name
                            + " in a start tag that browsers ignore (a repeated <body>/<html>, or a misplaced tag);"
                            + " left as is");
                    }
                }
            }
        }

        /**
         * Start of the next {@code hx-ws}, {@code hx-sse} or {@code data-} form at or after {@code from} that is
         * written like an attribute (a name followed by {@code =}), or -1. A plain scan: a case-insensitive regex
         * with look-around was the slowest part of a run.
         */
        private int nextLegacyName(int from) {
            int n = text.length();
            for (int i = text.indexOf('-', from + 2); i >= 0 && i < n; i = text.indexOf('-', i + 1)) {
                int start = i - 2; // the '-' of "hx-"
                if (start < from || !text.regionMatches(true, start, "hx-", 0, 3)) {
                    continue;
                }
                int end;
                if (text.regionMatches(true, i + 1, "ws", 0, 2)) {
                    end = i + 3;
                } else if (text.regionMatches(true, i + 1, "sse", 0, 3)) {
                    end = i + 4;
                } else {
                    continue;
                }
                if (start >= 5 && text.regionMatches(true, start - 5, "data-", 0, 5)) {
                    start -= 5;
                }
                if (start < from || (start > 0 && isNameChar(text.charAt(start - 1)))) {
                    continue;
                }
                int j = end;
                while (j < n && AttributeSyntax.isSpace(text.charAt(j))) {
                    j++;
                }
                if (j < n && text.charAt(j) == '='
                    && (end >= n || !isNameChar(text.charAt(end)) || AttributeSyntax.isSpace(text.charAt(end)))) {
                    return start;
                }
            }
            return -1;
        }

        private boolean inGeneratedName(int pos) {
            for (GeneratedNames.Name n : generated) {
                if (n.start() <= pos && pos < n.end()) {
                    return true;
                }
            }
            return false;
        }

        private int legacyNameEnd(int start) {
            int i = start;
            while (i < text.length() && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '-')) {
                i++;
            }
            return i;
        }

        private static boolean isNameChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '.' || c == '-';
        }

        /** Source ranges of comments, script/style data and text, sorted by start; made when first needed. */
        private List<int[]> inertRanges() {
            if (inertRanges != null) {
                return inertRanges;
            }
            List<int[]> out = new ArrayList<>();
            doc.traverse(new NodeVisitor() {
                @Override
                public void head(Node node, int depth) {
                    if (node instanceof Element) {
                        return;
                    }
                    Range r = node.sourceRange();
                    if (r.isTracked() && r.endPos() > r.startPos()) {
                        out.add(new int[] {r.startPos(), r.endPos()});
                    } else if (node instanceof TextNode t && node.parent() instanceof Element p) {
                        // text whose range is untracked: fall back to the parent's body
                        Range pr = p.sourceRange();
                        Range er = p.endSourceRange();
                        if (pr.isTracked() && er.isTracked() && er.startPos() > pr.endPos() && !t.isBlank()) {
                            out.add(new int[] {pr.endPos(), er.startPos()});
                        }
                    }
                }
            });
            out.sort(Comparator.comparingInt(a -> a[0]));
            inertRanges = out;
            return out;
        }

        private static boolean inside(List<int[]> ranges, int pos) {
            for (int[] r : ranges) {
                if (r[0] > pos) {
                    return false;
                }
                if (pos < r[1]) {
                    return true;
                }
            }
            return false;
        }

        // ------------------------------------------------------------------ result

        void report(int offset, Level level, String code, String message) {
            raw.add(new Raw(offset, level, code, message));
        }

        private Result finish() {
            Collections.sort(edits);
            StringBuilder out = null;
            if (!edits.isEmpty()) {
                out = new StringBuilder(text.length() + 64 * edits.size());
                int at = 0;
                for (Edit ed : edits) {
                    out.append(text, at, ed.start()).append(ed.replacement());
                    at = ed.end();
                }
                out.append(text, at, text.length());
            }
            List<Finding> findings = new ArrayList<>(raw.size());
            if (!raw.isEmpty()) {
                LineIndex lines = new LineIndex(text);
                List<Raw> sorted = new ArrayList<>(raw);
                sorted.sort(Comparator.comparingInt(Raw::offset));
                for (Raw r : sorted) {
                    findings.add(new Finding(r.offset, lines.line(r.offset), lines.column(r.offset), r.level, r.code,
                        r.message));
                }
            }
            return new Result(out == null ? text : out.toString(), List.copyOf(edits), List.copyOf(findings));
        }
    }
}
