package dev.htmxws.protocol.requests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URL as the browser's URL parser (WHATWG) resolves and serialises it, for what htmx hands to XHR, fetch and
 * {@code new URL}: relative references against a page, dot segments, percent-encoding of the path, query and
 * fragment, default ports. The authority is kept as written apart from the host's case, so a page URL with a
 * placeholder port ({@code http://127.0.0.1:{port}/}) resolves as well.
 *
 * @param authority null for a URL without one ({@code javascript:…}, {@code mailto:…}), whose path is then opaque
 * @param query     without '?', or null
 * @param fragment  without '#', or null
 */
record WebUrl(String scheme, String authority, String path, String query, String fragment) {
    private static final Set<String> SPECIAL = Set.of("http", "https", "ws", "wss", "ftp", "file");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*):");
    private static final String PATH_SET = " \"<>`{}";
    private static final String QUERY_SET = " \"#<>'";
    private static final String FRAGMENT_SET = " \"<>`";

    /** Parses an absolute URL; throws IllegalArgumentException when it has no scheme. */
    static WebUrl parse(String text) {
        String s = clean(text);
        Matcher m = SCHEME.matcher(s);
        if (!m.find()) {
            throw new IllegalArgumentException("not an absolute URL: " + text);
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String rest = s.substring(m.end());
        if (!SPECIAL.contains(scheme)) {
            return new WebUrl(scheme, null, rest, null, null);
        }
        int i = 0;
        while (i < rest.length() && (rest.charAt(i) == '/' || rest.charAt(i) == '\\')) {
            i++;
        }
        return withAuthority(scheme, rest.substring(i));
    }

    /** {@code new URL(reference, this)}. */
    WebUrl resolve(String reference) {
        String s = clean(reference);
        Matcher m = SCHEME.matcher(s);
        if (m.find()) {
            String scheme = m.group(1).toLowerCase(Locale.ROOT);
            String rest = s.substring(m.end());
            boolean authorityFollows = rest.startsWith("//") || rest.startsWith("\\\\") || rest.startsWith("/\\")
                || rest.startsWith("\\/");
            if (!scheme.equals(this.scheme) || !special() || authorityFollows) {
                return parse(s);
            }
            s = rest; // "http:foo" against an http page is relative
        }
        if (!special() || authority == null) {
            throw new IllegalArgumentException("cannot resolve '" + reference + "' against " + href());
        }
        if (s.length() >= 2 && isSlash(s.charAt(0)) && isSlash(s.charAt(1))) {
            return withAuthority(scheme, s.substring(2));
        }
        String[] parts = splitQueryAndFragment(s);
        String refPath = parts[0];
        String query = parts[1] == null ? null : encode(parts[1], QUERY_SET);
        String fragment = parts[2] == null ? null : encode(parts[2], FRAGMENT_SET);
        if (!refPath.isEmpty() && isSlash(refPath.charAt(0))) {
            return new WebUrl(scheme, authority, normalizePath(refPath), query, fragment);
        }
        if (refPath.isEmpty()) {
            if (parts[1] != null) {
                return new WebUrl(scheme, authority, path, query, fragment);
            }
            return new WebUrl(scheme, authority, path, this.query, fragment);
        }
        String dir = path.substring(0, path.lastIndexOf('/') + 1);
        return new WebUrl(scheme, authority, normalizePath(dir + refPath), query, fragment);
    }

    /** The serialised URL. */
    String href() {
        if (authority == null) {
            return scheme + ":" + path;
        }
        return scheme + "://" + authority + path + (query == null ? "" : "?" + query)
            + (fragment == null ? "" : "#" + fragment);
    }

    WebUrl withoutFragment() {
        return new WebUrl(scheme, authority, path, query, null);
    }

    WebUrl withQuery(String q) {
        return new WebUrl(scheme, authority, path, q, fragment);
    }

    /** {@code url.pathname + url.search}. */
    String pathAndSearch() {
        return path + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    /** Scheme, host and port, default ports made explicit: what same-origin compares. */
    String origin() {
        if (authority == null) {
            return "null";
        }
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostPort.lastIndexOf(':');
        boolean hasPort = colon >= 0 && hostPort.indexOf(']', colon) < 0;
        String host = hasPort ? hostPort.substring(0, colon) : hostPort;
        String port = hasPort ? hostPort.substring(colon + 1) : "";
        if (port.isEmpty()) {
            port = defaultPort(scheme);
        }
        return scheme + "://" + host + ":" + port;
    }

    boolean sameOrigin(WebUrl other) {
        return origin().equals(other.origin());
    }

    boolean special() {
        return SPECIAL.contains(scheme);
    }

    private static WebUrl withAuthority(String scheme, String afterSlashes) {
        int end = 0;
        while (end < afterSlashes.length() && "/\\?#".indexOf(afterSlashes.charAt(end)) < 0) {
            end++;
        }
        String authority = normalizeAuthority(scheme, afterSlashes.substring(0, end));
        String[] parts = splitQueryAndFragment(afterSlashes.substring(end));
        String path = parts[0].isEmpty() ? "/" : normalizePath(parts[0]);
        return new WebUrl(scheme, authority, path, parts[1] == null ? null : encode(parts[1], QUERY_SET),
            parts[2] == null ? null : encode(parts[2], FRAGMENT_SET));
    }

    /** Host lower-cased, a default port dropped; anything else as written. */
    private static String normalizeAuthority(String scheme, String authority) {
        int at = authority.lastIndexOf('@');
        String user = at < 0 ? "" : authority.substring(0, at + 1);
        String hostPort = authority.substring(at + 1);
        int colon = hostPort.lastIndexOf(':');
        boolean hasPort = colon >= 0 && hostPort.indexOf(']', colon) < 0;
        String host = (hasPort ? hostPort.substring(0, colon) : hostPort).toLowerCase(Locale.ROOT);
        String port = hasPort ? hostPort.substring(colon + 1) : "";
        if (port.matches("[0-9]+")) {
            port = String.valueOf(Integer.parseInt(port.length() > 9 ? port.substring(port.length() - 9) : port));
        }
        if (port.equals(defaultPort(scheme))) {
            port = "";
        }
        return user + host + (port.isEmpty() ? "" : ":" + port);
    }

    private static String defaultPort(String scheme) {
        return switch (scheme) {
            case "http", "ws" -> "80";
            case "https", "wss" -> "443";
            case "ftp" -> "21";
            default -> "";
        };
    }

    /** [path, query or null, fragment or null]. */
    private static String[] splitQueryAndFragment(String s) {
        String fragment = null;
        int hash = s.indexOf('#');
        if (hash >= 0) {
            fragment = s.substring(hash + 1);
            s = s.substring(0, hash);
        }
        String query = null;
        int q = s.indexOf('?');
        if (q >= 0) {
            query = s.substring(q + 1);
            s = s.substring(0, q);
        }
        return new String[] {s, query, fragment};
    }

    /** Backslashes are slashes; "." and ".." (also percent-encoded) segments are resolved; segments encoded. */
    private static String normalizePath(String raw) {
        String[] segments = raw.replace('\\', '/').split("/", -1);
        List<String> out = new ArrayList<>();
        for (int i = 1; i < segments.length; i++) {
            String seg = segments[i];
            boolean last = i == segments.length - 1;
            String lower = seg.toLowerCase(Locale.ROOT);
            if (lower.equals("..") || lower.equals(".%2e") || lower.equals("%2e.") || lower.equals("%2e%2e")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                if (last) {
                    out.add("");
                }
            } else if (lower.equals(".") || lower.equals("%2e")) {
                if (last) {
                    out.add("");
                }
            } else {
                out.add(encode(seg, PATH_SET));
            }
        }
        return "/" + String.join("/", out);
    }

    /** Percent-encodes C0 controls, the set's characters and everything beyond ASCII (as UTF-8). */
    static String encode(String s, String set) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length();) {
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            if (len == 1 && Character.isSurrogate(s.charAt(i))) {
                cp = 0xFFFD; // a lone surrogate becomes U+FFFD on the way to UTF-8
            }
            if (cp < 0x20 || cp > 0x7E || set.indexOf(cp) >= 0) {
                for (byte x : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    b.append('%').append(Character.toUpperCase(Character.forDigit((x >> 4) & 15, 16)))
                        .append(Character.toUpperCase(Character.forDigit(x & 15, 16)));
                }
            } else {
                b.appendCodePoint(cp);
            }
            i += len;
        }
        return b.toString();
    }

    private static boolean isSlash(char c) {
        return c == '/' || c == '\\';
    }

    /** Leading and trailing C0 controls and spaces go; tabs and newlines anywhere go. */
    private static String clean(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) <= ' ') {
            end--;
        }
        return s.substring(start, end).replaceAll("[\\t\\n\\r]", "");
    }
}
