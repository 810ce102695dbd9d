package dev.htmxws.net;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cookies of one page, as simply as a CLI needs them: name=value pairs per host, sent with every request to that
 * host and replaced by what responses set (attributes such as Path and Expires are not modelled; Max-Age=0 removes).
 */
public final class CookieJar implements HttpCall.Cookies {

    private final Map<String, Map<String, String>> byHost = new LinkedHashMap<>();

    /** A jar holding {@code header} (a Cookie header's {@code a=1; b=2}) for {@code url}'s host. */
    public static CookieJar of(String url, String header) {
        CookieJar jar = new CookieJar();
        if (header != null && url != null) {
            Map<String, String> m = jar.host(URI.create(url));
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    m.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                }
            }
        }
        return jar;
    }

    @Override
    public synchronized String header(URI url) {
        Map<String, String> m = byHost.get(key(url));
        if (m == null || m.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(b.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        return b.toString();
    }

    @Override
    public synchronized void store(URI url, List<String> setCookie) {
        Map<String, String> m = host(url);
        for (String v : setCookie) {
            String[] parts = v.split(";");
            int eq = parts[0].indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = parts[0].substring(0, eq).strip();
            boolean expired = false;
            for (int i = 1; i < parts.length; i++) {
                expired |= parts[i].strip().toLowerCase(Locale.ROOT).replace(" ", "").equals("max-age=0");
            }
            if (expired) {
                m.remove(name);
            } else {
                m.put(name, parts[0].substring(eq + 1).strip());
            }
        }
    }

    private Map<String, String> host(URI url) {
        return byHost.computeIfAbsent(key(url), k -> new LinkedHashMap<>());
    }

    private static String key(URI url) {
        return String.valueOf(url.getHost()).toLowerCase(Locale.ROOT);
    }
}
