package dev.htmxws.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Which elements of a page open sockets and which send through them, per dialect (docs/spec/protocol.md §3.1), and
 * which dialect a page speaks. Reads a jsoup tree; changes nothing.
 */
public final class PageModel {

    /** A socket htmx opens: its connect element and the URL value written on it. */
    public record Socket(Element connect, String url) {
    }

    /** A dialect and why it was chosen, for a person to check. */
    public record Detection(Dialect dialect, String reason) {
    }

    private static final Pattern SCRIPT_VERSION = Pattern.compile("(?:htmx\\.org@|/htmx/|htmx-)(\\d)\\.");
    /** Elements htmx 2's processNode initialises (findElementsToProcess): each re-scan opens a socket again. */
    private static final Evaluator HTMX2_PROCESSED = QueryParser.parse("[hx-get], [hx-post], [hx-put], [hx-delete],"
        + " [hx-patch], [data-hx-get], [data-hx-post], [data-hx-put], [data-hx-delete], [data-hx-patch], form,"
        + " [type=submit], [hx-ext], [data-hx-ext], [hx-trigger], [data-hx-trigger]");
    // parsed once: these run for every swapped-in element, and jsoup parses a selector string on each call
    private static final Evaluator LEGACY = QueryParser.parse("[hx-ws], [data-hx-ws]");
    /** htmx 1: its core hx-ws and its own ws extension's attributes. */
    private static final Evaluator HTMX1_ALL = QueryParser
        .parse("[hx-ws], [data-hx-ws], [ws-connect], [data-ws-connect], [ws-send], [data-ws-send]");
    static final Evaluator HTMX4_CONNECT = QueryParser
        .parse("[hx-ws:connect], [data-hx-ws:connect], [ws-connect], [data-ws-connect]");
    private static final Evaluator HTMX2_CONNECT = QueryParser
        .parse("[ws-connect], [data-ws-connect], [hx-ws], [data-hx-ws]");
    private static final Evaluator HTMX2_SEND = QueryParser.parse("[ws-send], [data-ws-send], [hx-ws], [data-hx-ws]");
    private static final Evaluator HTMX4_SEND = QueryParser
        .parse("[hx-ws:send], [data-hx-ws:send], [ws-send], [data-ws-send]");

    private PageModel() {
    }

    // ---------------------------------------------------------------- dialect

    public static Detection detect(Document doc) {
        Dialect byScript = null;
        String script = null;
        for (Element s : doc.select("script[src]")) {
            String src = s.attr("src").toLowerCase(Locale.ROOT);
            if (src.contains("hx-ws.js")) {
                byScript = Dialect.HTMX4;
                script = src;
                break;
            }
            Matcher m = SCRIPT_VERSION.matcher(src);
            if (src.contains("htmx") && m.find()) {
                Dialect d = switch (m.group(1)) {
                    case "1" -> Dialect.HTMX1;
                    case "2" -> Dialect.HTMX2;
                    case "4" -> Dialect.HTMX4;
                    default -> null;
                };
                if (d != null && !src.contains("htmx-ext-")) {
                    byScript = d;
                    script = src;
                }
            }
        }
        if (!doc.select("[hx-ws:connect], [data-hx-ws:connect], [hx-ws:send], [data-hx-ws:send]").isEmpty()) {
            return new Detection(Dialect.HTMX4, "the page uses hx-ws:connect / hx-ws:send");
        }
        if (byScript != null) {
            return new Detection(byScript, "the page loads " + script);
        }
        if (!doc.select("[ws-connect], [data-ws-connect], [ws-send], [data-ws-send]").isEmpty()) {
            return new Detection(Dialect.HTMX2, "the page uses the ws extension (ws-connect / ws-send)");
        }
        if (!doc.select("[hx-ws], [data-hx-ws]").isEmpty()) {
            return new Detection(Dialect.HTMX1, "the page uses htmx 1's hx-ws");
        }
        if (!doc.select("[hx-sse], [data-hx-sse]").isEmpty()) {
            return new Detection(Dialect.HTMX1, "the page uses htmx 1's hx-sse");
        }
        return new Detection(Dialect.HTMX2, "nothing on the page says otherwise (htmx 2 is the default)");
    }

    // ---------------------------------------------------------------- attributes

    /** {@code name} or, when absent or empty, {@code data-name} (htmx's getAttributeValue). */
    public static String attr(Element e, String name) {
        String v = e.hasAttr(name) ? e.attr(name) : null;
        if (v == null || v.isEmpty()) {
            String d = e.hasAttr("data-" + name) ? e.attr("data-" + name) : null;
            return d != null ? d : v;
        }
        return v;
    }

    public static boolean has(Element e, String name) {
        return e.hasAttr(name) || e.hasAttr("data-" + name);
    }

    /** True when the htmx 2 extension {@code ext} is active on {@code e} (hx-ext on it or an ancestor). */
    public static boolean extensionActive(Element e, String ext) {
        for (Element a = e; a != null; a = a.parent()) {
            String v = attr(a, "hx-ext");
            if (v == null) {
                continue;
            }
            for (String part : v.split(",")) {
                String t = part.strip();
                if (t.equals("ignore:" + ext)) {
                    return false;
                }
                if (t.equals(ext)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** htmx 1 tokens of hx-ws / hx-sse: whitespace split, then the first colon followed by something. */
    static List<String[]> legacyTokens(String value) {
        return tokens(value);
    }

    private static List<String[]> tokens(String value) {
        List<String[]> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String t : value.trim().split("\\s+")) {
            if (t.isEmpty()) {
                continue;
            }
            int colon = t.indexOf(':');
            out.add(colon > 0 && colon + 1 < t.length()
                ? new String[] {t.substring(0, colon), t.substring(colon + 1)}
                : new String[] {t, null});
        }
        return out;
    }

    // ---------------------------------------------------------------- connect elements

    /**
     * Whether {@code e} is a socket of htmx 1.9.12's own ws extension ({@code ws-connect} under {@code hx-ext="ws"})
     * rather than of its core {@code hx-ws}: the two build the same frames on the same core but differ in HX-Target
     * and in queueing (docs/spec/sse-and-requests.md §1.3).
     */
    public static boolean isExtensionSocket(Dialect d, Element e) {
        return d == Dialect.HTMX1 && legacyConnectUrls(e).isEmpty() && extensionUrl(e) != null;
    }

    private static String extensionUrl(Element e) {
        String v = attr(e, "ws-connect");
        return v != null && !v.isEmpty() && extensionActive(e, "ws") ? v : null;
    }

    /** Whether {@code e} is a connect element in this dialect. */
    public static boolean isConnect(Dialect d, Element e) {
        return switch (d) {
            case HTMX1 -> !legacyConnectUrls(e).isEmpty() || extensionUrl(e) != null;
            case HTMX2 -> extensionActive(e, "ws") && htmx2Url(e) != null;
            case HTMX4 -> has(e, "hx-ws:connect") || has(e, "ws-connect");
        };
    }

    /** The URL value written on a connect element (the first one for htmx 1). */
    public static String connectUrl(Dialect d, Element e) {
        return switch (d) {
            case HTMX1 -> legacyConnectUrls(e).isEmpty() ? extensionUrl(e) : legacyConnectUrls(e).get(0);
            case HTMX2 -> htmx2Url(e);
            case HTMX4 -> has(e, "hx-ws:connect") ? attr(e, "hx-ws:connect") : attr(e, "ws-connect");
        };
    }

    private static List<String> legacyConnectUrls(Element e) {
        List<String> out = new ArrayList<>();
        for (String[] t : tokens(attr(e, "hx-ws"))) {
            if (t[0].equals("connect") && t[1] != null) {
                out.add(t[1]);
            }
        }
        return out;
    }

    private static String htmx2Url(Element e) {
        String v = attr(e, "ws-connect");
        if (v != null && !v.isEmpty()) {
            return v;
        }
        for (String[] t : tokens(attr(e, "hx-ws"))) {
            if (t[0].equals("connect") && t[1] != null) {
                return t[1];
            }
        }
        return null;
    }

    /**
     * The sockets htmx opens when it processes {@code root} and its descendants (page load, or content a
     * swap inserted), in opening order. htmx 2 opens a second socket for a connect element that is itself
     * processed by htmx under an element that already scanned it (a form, an element with hx-trigger…,
     * docs/spec/protocol.md §3.1 "double-connect bug"); the last one is the one sends use.
     */
    public static List<Socket> socketsFor(Dialect d, Element root) {
        List<Socket> out = new ArrayList<>();
        switch (d) {
            case HTMX1 -> {
                for (Element e : root.select(HTMX1_ALL)) {
                    for (String url : legacyConnectUrls(e)) {
                        out.add(new Socket(e, url));
                    }
                    if (legacyConnectUrls(e).isEmpty() && extensionUrl(e) != null) {
                        out.add(new Socket(e, extensionUrl(e)));
                    }
                }
            }
            case HTMX4 -> {
                for (Element e : root.select(HTMX4_CONNECT)) {
                    String trigger = attr(e, "hx-trigger");
                    if (trigger == null || trigger.strip().startsWith("load")) {
                        out.add(new Socket(e, connectUrl(d, e)));
                    }
                }
            }
            case HTMX2 -> {
                List<Element> scanned = new ArrayList<>();
                if (extensionActive(root, "ws")) {
                    scanned.add(root);
                }
                for (Element p : root.select(HTMX2_PROCESSED)) {
                    if (p != root && extensionActive(p, "ws")) {
                        scanned.add(p);
                    }
                }
                for (Element p : scanned) {
                    for (Element c : p.select(HTMX2_CONNECT)) {
                        String url = htmx2Url(c);
                        if (url != null) {
                            out.add(new Socket(c, url));
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * The elements that open event streams in this dialect: htmx 1's {@code hx-sse="connect:…"} and its sse
     * extension's {@code sse-connect}, htmx 2's sse extension, htmx 4's {@code hx-sse:connect} (and the legacy
     * {@code sse-connect} it still reads).
     */
    public static List<Element> streamElements(Dialect d, Element root) {
        List<Element> out = new ArrayList<>();
        for (Element e : root.getAllElements()) {
            boolean ext = has(e, "sse-connect") && !attr(e, "sse-connect").isEmpty();
            boolean yes = switch (d) {
                case HTMX1 -> ext && extensionActive(e, "sse")
                    || tokens(attr(e, "hx-sse")).stream().anyMatch(t -> t[0].equals("connect") && t[1] != null);
                case HTMX2 -> ext && extensionActive(e, "sse");
                case HTMX4 -> ext || has(e, "hx-sse:connect");
            };
            if (yes) {
                out.add(e);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- send elements

    /** Whether {@code e} sends in this dialect. */
    public static boolean isSend(Dialect d, Element e) {
        return switch (d) {
            case HTMX1 -> tokens(attr(e, "hx-ws")).stream().anyMatch(t -> t[0].equals("send") && t[1] == null)
                || has(e, "ws-send") && extensionActive(e, "ws");
            case HTMX2 -> {
                String legacy = attr(e, "hx-ws");
                boolean wsSend = has(e, "ws-send");
                // the extension bails out when hx-ws holds anything but exactly "send"
                if (legacy != null && !legacy.isEmpty() && !legacy.equals("send")) {
                    yield false;
                }
                yield (wsSend || "send".equals(legacy)) && extensionActive(e, "ws");
            }
            case HTMX4 -> has(e, "hx-ws:send") || has(e, "ws-send");
        };
    }

    /** The connect element a send element sends through: the closest ancestor-or-self connect element. */
    public static Element connectFor(Dialect d, Element send) {
        for (Element a = send; a != null; a = a.parent()) {
            if (d == Dialect.HTMX4 ? has(a, "hx-ws:connect") || has(a, "ws-connect") : isConnect(d, a)) {
                if (d == Dialect.HTMX1 && a == send && !sendAfterConnect(a)) {
                    return null; // "send connect:/x" in one value: send is wired before the socket exists
                }
                return a;
            }
        }
        return null;
    }

    private static boolean sendAfterConnect(Element e) {
        boolean connectSeen = false;
        for (String[] t : tokens(attr(e, "hx-ws"))) {
            if (t[0].equals("connect") && t[1] != null) {
                connectSeen = true;
            } else if (t[0].equals("send") && t[1] == null) {
                return connectSeen;
            }
        }
        return true;
    }

    /**
     * What a person fills and submits on this page: its WebSocket send elements, or, on a page whose updates come by
     * SSE, its forms that issue htmx requests (hx-post…).
     */
    public static List<Element> userSendElements(Dialect d, Element root) {
        List<Element> sends = sendElements(d, root);
        if (!sends.isEmpty()) {
            return sends;
        }
        return root.select("form").stream()
            .filter(f -> dev.htmxws.protocol.requests.Requests.isRequestElement(d, f)).toList();
    }

    /** Send elements at or under {@code root}, document order. */
    public static List<Element> sendElements(Dialect d, Element root) {
        List<Element> out = new ArrayList<>();
        Evaluator query = switch (d) {
            case HTMX1 -> HTMX1_ALL;
            case HTMX2 -> HTMX2_SEND;
            case HTMX4 -> HTMX4_SEND;
        };
        for (Element e : root.select(query)) {
            if (isSend(d, e)) {
                out.add(e);
            }
        }
        return out;
    }
}
