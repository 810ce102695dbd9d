package dev.htmxws.cli;

import dev.htmxws.client.PageSource;
import dev.htmxws.files.UserFiles;
import dev.htmxws.net.CookieJar;
import dev.htmxws.net.Urls;
import dev.htmxws.net.WsOptions;
import dev.htmxws.protocol.Dialect;
import dev.htmxws.protocol.PageModel;
import dev.htmxws.protocol.SocketUrl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jsoup.nodes.Element;

/**
 * Where a session connects: a page (an http(s) URL, or {@code --page URL|FILE}) whose connect elements say
 * where, or a bare ws(s) URL around which a stand-in page is built. Also what the upgrade carries in page
 * mode: the page's origin, and its cookies when the socket goes to the page's host.
 */
final class Target {

    record Resolved(PageSource page, Dialect dialect, WsOptions ws) {
        /** The page's cookies for the requests and streams it makes (to the page's host). */
        CookieJar cookies() {
            return CookieJar.of(page.dom().url(), page.cookies());
        }
    }

    private Target() {
    }

    /** A URL a user typed that no connection could be made to says so, before anything connects. */
    static void checkUrl(String url) {
        String problem = Urls.problem(url);
        if (problem != null) {
            throw new UsageException("'" + url + "'" + (problem.startsWith(":") ? "" : " ") + problem);
        }
    }

    /**
     * @param standIn markup to put inside the stand-in connect element, per dialect (a form for send)
     */
    static Resolved resolve(ConnectionOptions conn, Function<Dialect, String> standIn, String currentUrl)
        throws IOException {
        String url = conn.url;
        String page = conn.page;
        WsOptions ws = conn.ws();
        PageSource source;
        if (page != null && isHttp(page)) {
            checkUrl(page);
        }
        if (url != null && (isHttp(url) || isWs(url))) {
            checkUrl(url);
        }
        if (page != null) {
            source = isHttp(page) ? PageSource.fetch(page, ws)
                : PageSource.file(existing(page), url != null && isHttp(url) ? url
                    : url != null && isWs(url) ? PageSource.httpUrlOf(url) : currentUrl);
        } else if (url == null || url.isBlank()) {
            throw new UsageException(DefaultsProvider.noUrlMessage());
        } else if (isHttp(url)) {
            source = PageSource.fetch(url, ws);
        } else if (isWs(url)) {
            Dialect d = conn.dialect(Dialect.HTMX2);
            source = PageSource.standIn(d, url, standIn.apply(d), currentUrl);
            return new Resolved(source, d, ws);
        } else {
            throw new UsageException("'" + url + "' is not a ws://, wss://, http:// or https:// URL");
        }
        Dialect d = conn.dialect(source.detection().dialect());
        List<PageModel.Socket> sockets = PageModel.socketsFor(d, source.dom().document().body());
        if (sockets.isEmpty() && PageModel.streamElements(d, source.dom().document().body()).isEmpty()) {
            StringBuilder fits = new StringBuilder();
            for (Dialect other : Dialect.values()) {
                if (other != d && (!PageModel.socketsFor(other, source.dom().document().body()).isEmpty()
                    || !PageModel.streamElements(other, source.dom().document().body()).isEmpty())) {
                    fits.append(fits.length() == 0 ? "" : " or ").append("--htmx ").append(other.number());
                }
            }
            throw new UsageException("the page " + source.dom().url() + " has no WebSocket or event stream element for"
                + " htmx " + d.number() + " (" + source.detection().reason() + ")" + (fits.length() > 0
                    ? "; it has one for " + fits.toString().replace("--htmx ", "htmx ") + ": pass " + fits
                    : "; pass a ws:// or event stream URL"));
        }
        if (!isHttp(source.dom().url())) {
            relativeInAFile(page, sockets, PageModel.streamElements(d, source.dom().document().body()));
        }
        if (sockets.isEmpty()) {
            return new Resolved(source, d, ws); // an event stream page
        }
        if (conn.origin == null && source.origin() != null) {
            ws = ws.withOrigin(source.origin());
        }
        String first = SocketUrl.resolve(d, sockets.get(0).url(), source.dom().url()).connectTo();
        if (first != null && source.cookiesFor(first)) {
            ws = ws.withCookie(source.cookies()); // --cookie and what the page set, as the browser's jar holds them
        }
        return new Resolved(source, d, ws);
    }

    /** A page read from a file has no server to resolve a relative socket or stream URL against: say what to add. */
    private static void relativeInAFile(String page, List<PageModel.Socket> sockets, List<Element> streams) {
        List<String> urls = new java.util.ArrayList<>();
        sockets.forEach(s -> urls.add(s.url()));
        for (Element e : streams) {
            for (org.jsoup.nodes.Attribute a : e.attributes()) {
                String v = a.getValue().strip();
                if (a.getKey().equals("sse-connect") || a.getKey().equals("hx-sse:connect")) {
                    urls.add(v);
                } else if (a.getKey().equals("hx-sse") && v.startsWith("connect:")) {
                    urls.add(v.substring("connect:".length()).split("\\s")[0]);
                }
            }
        }
        for (String u : urls) {
            if (!u.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
                throw new UsageException("--page " + page + " connects to '" + u + "', a URL relative to where the page"
                    + " is served, and a file is served nowhere; add the server's URL (e.g. --page " + page
                    + " http://127.0.0.1:8000/)");
            }
        }
    }

    /** A bare event stream URL (listen --sse, or an http(s) URL that answered with text/event-stream). */
    static Resolved stream(ConnectionOptions conn) {
        String url = conn.page != null ? conn.page : conn.url;
        if (url == null || !isHttp(url)) {
            throw new UsageException("an event stream needs an http(s):// URL");
        }
        return new Resolved(PageSource.standInStream(url), Dialect.HTMX2, conn.ws());
    }

    private static Path existing(String file) {
        Path p = Path.of(file);
        String bad = UserFiles.whyNotReadable(p);
        if (bad != null) {
            throw new UsageException("--page " + file + ": " + bad + " (give an http(s) URL or a file)");
        }
        return p;
    }

    static boolean isHttp(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }

    static boolean isWs(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.startsWith("ws://") || l.startsWith("wss://");
    }
}
