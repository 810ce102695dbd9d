package dev.htmxws.protocol.requests;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The two ways htmx encodes parameters: {@code encodeURIComponent} (htmx 1/2: space is {@code %20},
 * {@code !'()*~} stay) and {@code URLSearchParams} (htmx 4: {@code application/x-www-form-urlencoded}, space is
 * {@code +}, only {@code *-._} stay), plus the multipart body a FormData becomes.
 */
final class UrlEncoding {
    private UrlEncoding() {
    }

    /** JavaScript threw a URIError: a lone surrogate cannot be encoded. */
    static final class UriError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UriError(String s) {
            super("encodeURIComponent throws a URIError on a lone surrogate in '" + s + "'", null, false, false);
        }
    }

    /** A name and its text value. */
    record Pair(String name, String value) {
    }

    /** JS encodeURIComponent. */
    static String encodeUriComponent(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length();) {
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            if (len == 1 && Character.isSurrogate(s.charAt(i))) {
                throw new UriError(s);
            }
            if (cp < 128 && (Character.isLetterOrDigit(cp) || "-_.!~*'()".indexOf(cp) >= 0)) {
                b.append((char) cp);
            } else {
                appendBytes(b, cp);
            }
            i += len;
        }
        return b.toString();
    }

    /** The application/x-www-form-urlencoded serializer (URLSearchParams.toString). */
    static String formUrlencoded(List<Pair> pairs) {
        StringBuilder b = new StringBuilder();
        for (Pair p : pairs) {
            if (b.length() > 0) {
                b.append('&');
            }
            formByte(b, p.name());
            b.append('=');
            formByte(b, p.value());
        }
        return b.toString();
    }

    private static void formByte(StringBuilder b, String s) {
        for (int i = 0; i < s.length();) {
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            if (len == 1 && Character.isSurrogate(s.charAt(i))) {
                cp = 0xFFFD; // USVString: a lone surrogate is U+FFFD
            }
            if (cp == ' ') {
                b.append('+');
            } else if (cp < 128 && (Character.isLetterOrDigit(cp) || "*-._".indexOf(cp) >= 0)) {
                b.append((char) cp);
            } else {
                appendBytes(b, cp);
            }
            i += len;
        }
    }

    /** The application/x-www-form-urlencoded parser ({@code new URLSearchParams(query)}). */
    static List<Pair> parseFormUrlencoded(String query) {
        List<Pair> out = new ArrayList<>();
        for (String seq : query.split("&", -1)) {
            if (seq.isEmpty()) {
                continue;
            }
            int eq = seq.indexOf('=');
            String name = eq < 0 ? seq : seq.substring(0, eq);
            String value = eq < 0 ? "" : seq.substring(eq + 1);
            out.add(new Pair(percentDecode(name.replace('+', ' ')), percentDecode(value.replace('+', ' '))));
        }
        return out;
    }

    /** Percent-decoding of bytes ({@code %zz} stays as it is), then UTF-8 with replacement characters. */
    private static String percentDecode(String s) {
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && Character.digit(in[i + 1], 16) >= 0
                && Character.digit(in[i + 2], 16) >= 0) {
                out.write(Character.digit(in[i + 1], 16) * 16 + Character.digit(in[i + 2], 16));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * A multipart/form-data body as Chromium writes a FormData of text entries: CRLF lines, names with
     * {@code "}, CR and LF percent-encoded, values with bare CR/LF normalised to CRLF.
     */
    static String multipart(List<Pair> pairs, String boundary) {
        StringBuilder b = new StringBuilder();
        for (Pair p : pairs) {
            b.append("--").append(boundary).append("\r\n");
            b.append("Content-Disposition: form-data; name=\"").append(escapeName(p.name())).append("\"\r\n\r\n");
            b.append(p.value().replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n")).append("\r\n");
        }
        return b.append("--").append(boundary).append("--\r\n").toString();
    }

    private static String escapeName(String name) {
        return name.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "%0D%0A").replace("\"", "%22");
    }

    private static void appendBytes(StringBuilder b, int cp) {
        for (byte x : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
            b.append('%').append(Character.toUpperCase(Character.forDigit((x >> 4) & 15, 16)))
                .append(Character.toUpperCase(Character.forDigit(x & 15, 16)));
        }
    }
}
