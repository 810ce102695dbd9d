package dev.htmxws.migrate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template constructs of a file ({{ }}, {% %}, <% %>, ${ }, JSX {…} …) and the same text with each
 * construct blanked out by filler of the same length, so that the HTML parser sees plain markup while every
 * offset stays valid in the original text.
 *
 * <p>The filler is a space, underscores, a space: a construct standing between two attributes becomes a
 * separate bogus attribute instead of merging with a neighbour's name, and a construct inside a quoted value
 * stays inside that value.
 */
public final class TemplateMask {

    /** What a construct does, which decides whether an attribute name glued to it is generated. */
    public enum Kind {
        /** Prints a value: {{ x }}, ${x}, <%= x %>, JSX {x}. */
        EXPRESSION,
        /** Control flow: {% if %}, {{#if}}, <% if %>. */
        CONTROL,
        /** A template comment: {# #}, {{-- --}}, @* *@, {/* *}. */
        COMMENT
    }

    public record Region(int start, int end, Kind kind) {
        boolean contains(int pos) {
            return pos >= start && pos < end;
        }
    }

    /** Longest construct we accept; an opener with no closer within it is ordinary text. */
    private static final int MAX_EXPRESSION = 4_000;
    private static final int MAX_BLOCK = 200_000;
    private static final Pattern END_COMMENT = Pattern.compile("\\{%-?\\s*endcomment\\s*-?%}");

    private final String text;
    private final List<Region> regions;
    private final String masked;

    private TemplateMask(String text, List<Region> regions, String masked) {
        this.text = text;
        this.regions = regions;
        this.masked = masked;
    }

    public static TemplateMask of(String text) {
        List<Region> regions = new Scanner(text).scan();
        if (regions.isEmpty()) {
            return new TemplateMask(text, List.of(), text);
        }
        char[] chars = text.toCharArray();
        for (Region r : regions) {
            for (int i = r.start; i < r.end; i++) {
                chars[i] = '_';
            }
            chars[r.start] = ' ';
            chars[r.end - 1] = ' ';
        }
        return new TemplateMask(text, Collections.unmodifiableList(regions), new String(chars));
    }

    public String text() {
        return text;
    }

    public String masked() {
        return masked;
    }

    public List<Region> regions() {
        return regions;
    }

    /** The construct containing {@code pos}, or null. */
    public Region regionAt(int pos) {
        int i = indexOfFirstEndingAfter(pos);
        if (i < regions.size() && regions.get(i).contains(pos)) {
            return regions.get(i);
        }
        return null;
    }

    /** True when a construct overlaps [start, end). */
    public boolean intersects(int start, int end) {
        int i = indexOfFirstEndingAfter(start);
        return i < regions.size() && regions.get(i).start < end;
    }

    /** The construct that ends exactly at {@code pos} (its last char is pos - 1), or null. */
    public Region regionEndingAt(int pos) {
        Region r = regionAt(pos - 1);
        return r != null && r.end == pos ? r : null;
    }

    /** The construct that starts exactly at {@code pos}, or null. */
    public Region regionStartingAt(int pos) {
        Region r = regionAt(pos);
        return r != null && r.start == pos ? r : null;
    }

    /** Index of the first region whose end is greater than pos (regions are sorted and disjoint). */
    private int indexOfFirstEndingAfter(int pos) {
        int lo = 0;
        int hi = regions.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (regions.get(mid).end <= pos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** One left-to-right pass; each opener is matched with its nearest closer. */
    private static final class Scanner {
        private final String s;
        private final int n;
        private final List<Region> out = new ArrayList<>();
        /** Closers known to be absent after some position, so that unclosed openers stay linear. */
        private final java.util.Map<String, Integer> nextCloser = new java.util.HashMap<>();

        Scanner(String s) {
            this.s = s;
            this.n = s.length();
        }

        List<Region> scan() {
            int i = 0;
            while (i < n) {
                char c = s.charAt(i);
                int end = -1;
                Kind kind = null;
                if (c == '{' && i + 1 < n) {
                    char d = s.charAt(i + 1);
                    if (d == '{') {
                        if (startsWith(i, "{{--")) {
                            end = closer(i + 4, "--}}", MAX_BLOCK);
                            kind = Kind.COMMENT;
                        } else if (startsWith(i, "{{!--")) {
                            end = closer(i + 5, "--}}", MAX_BLOCK);
                            kind = Kind.COMMENT;
                        } else if (startsWith(i, "{{{")) {
                            end = closer(i + 3, "}}}", MAX_EXPRESSION);
                            kind = Kind.EXPRESSION;
                        } else {
                            end = closer(i + 2, "}}", MAX_BLOCK);
                            kind = end < 0 ? null : mustacheKind(i + 2, end - 2);
                            if (kind != Kind.COMMENT && end - i > MAX_EXPRESSION) {
                                end = -1;
                            }
                        }
                    } else if (d == '%') {
                        end = closer(i + 2, "%}", MAX_EXPRESSION);
                        kind = Kind.CONTROL;
                        if (end > 0 && isCommentTag(i + 2, end - 2)) {
                            Matcher m = END_COMMENT.matcher(s).region(end, Math.min(n, end + MAX_BLOCK));
                            if (m.find()) {
                                end = m.end();
                                kind = Kind.COMMENT;
                            }
                        }
                    } else if (d == '#') {
                        end = closer(i + 2, "#}", MAX_BLOCK);
                        kind = Kind.COMMENT;
                    } else if (d == '/' && startsWith(i, "{/*")) {
                        end = closer(i + 3, "*/}", MAX_BLOCK);
                        kind = Kind.COMMENT;
                    } else if (i > 0 && (Character.isWhitespace(s.charAt(i - 1)) || s.charAt(i - 1) == '=')) {
                        // JSX/Templ: {...spread} or attr={expr}; never one that contains markup.
                        end = balanced(i, '{', '}', MAX_EXPRESSION, true);
                        kind = Kind.EXPRESSION;
                    }
                } else if (c == '<' && i + 1 < n) {
                    char d = s.charAt(i + 1);
                    if (d == '%') {
                        end = closer(i + 2, "%>", MAX_BLOCK);
                        kind = erbKind(i + 2);
                    } else if (d == '?') {
                        end = closer(i + 2, "?>", MAX_BLOCK);
                        kind = phpKind(i + 2, end);
                    }
                } else if (c == '$' && i + 1 < n && s.charAt(i + 1) == '{') {
                    end = balanced(i + 1, '{', '}', MAX_EXPRESSION, false);
                    kind = Kind.EXPRESSION;
                } else if (c == '@' && i + 1 < n) {
                    char d = s.charAt(i + 1);
                    if (d == '*') {
                        end = closer(i + 2, "*@", MAX_BLOCK);
                        kind = Kind.COMMENT;
                    } else if (d == '{') {
                        end = balanced(i + 1, '{', '}', MAX_EXPRESSION, false);
                        kind = Kind.CONTROL;
                    } else if (d == '(') {
                        end = balanced(i + 1, '(', ')', MAX_EXPRESSION, false);
                        kind = Kind.EXPRESSION;
                    }
                }
                if (end > i && kind != null) {
                    out.add(new Region(i, end, kind));
                    i = end;
                } else {
                    i++;
                }
            }
            return out;
        }

        private boolean startsWith(int i, String p) {
            return s.startsWith(p, i);
        }

        /** End (exclusive) of the closer found from {@code from}, or -1 if none within {@code max} chars. */
        private int closer(int from, String close, int max) {
            Integer known = nextCloser.get(close);
            int at;
            if (known != null && (known < 0 || known >= from)) {
                at = known;
            } else {
                at = s.indexOf(close, from);
                nextCloser.put(close, at);
            }
            if (at < 0 || at - from > max) {
                return -1;
            }
            return at + close.length();
        }

        /** End (exclusive) of a bracketed group opened at {@code open}, or -1. */
        private int balanced(int open, char o, char c, int max, boolean noMarkup) {
            int depth = 0;
            int limit = Math.min(n, open + max);
            for (int j = open; j < limit; j++) {
                char ch = s.charAt(j);
                if (ch == o) {
                    depth++;
                } else if (ch == c) {
                    if (--depth == 0) {
                        return j + 1;
                    }
                } else if (noMarkup && (ch == '<' || ch == '>')) {
                    return -1;
                }
            }
            return -1;
        }

        private Kind mustacheKind(int from, int to) {
            int i = from;
            while (i < to && (s.charAt(i) == '-' || s.charAt(i) == '~' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            if (i >= to) {
                return Kind.EXPRESSION;
            }
            char c = s.charAt(i);
            if (c == '!' || s.startsWith("/*", i)) {
                return Kind.COMMENT;
            }
            if (c == '#' || c == '/' || c == '^') {
                return Kind.CONTROL;
            }
            for (String w : new String[] {"if ", "else", "end", "range ", "with ", "define ", "block "}) {
                if (s.startsWith(w, i)) {
                    return Kind.CONTROL;
                }
            }
            return Kind.EXPRESSION;
        }

        private boolean isCommentTag(int from, int to) {
            String inner = s.substring(from, to).strip();
            if (inner.startsWith("-")) {
                inner = inner.substring(1).strip();
            }
            return inner.startsWith("comment") && (inner.length() == 7 || !Character.isLetterOrDigit(inner.charAt(7)));
        }

        private Kind erbKind(int i) {
            if (i < n && (s.charAt(i) == '=' || s.charAt(i) == '-')) {
                return Kind.EXPRESSION;
            }
            if (i < n && s.charAt(i) == '#' || s.startsWith("--", i)) {
                return Kind.COMMENT;
            }
            return Kind.CONTROL;
        }

        private Kind phpKind(int i, int end) {
            if (i < n && s.charAt(i) == '=') {
                return Kind.EXPRESSION;
            }
            if (end > 0) {
                String inner = s.substring(i, end);
                if (inner.contains("echo") || inner.contains("print")) {
                    return Kind.EXPRESSION;
                }
            }
            return Kind.CONTROL;
        }
    }
}
