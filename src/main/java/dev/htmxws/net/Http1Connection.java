package dev.htmxws.net;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 request on its own socket, enough for an htmx request and for a long-lived response such as an event
 * stream.
 *
 * <p>Why not {@code HttpURLConnection}: its response stream holds a lock while it blocks in a read, so
 * {@code disconnect()} from another thread waits until the server sends something (on an idle stream:
 * forever), and it silently sends a GET a second time when a server closes without answering. Here
 * {@link #close()} closes the TCP socket itself, from any thread, which ends a connect, a TLS handshake or a
 * read at once; nothing is retried behind the caller's back. No proxies, no compression, no keep-alive.
 */
final class Http1Connection implements Closeable {

    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 256;

    /** A response head and its body (de-chunked); header names are lower case. */
    record Response(int status, String reason, Map<String, List<String>> headers, InputStream body) {
        /** The first value of a header, or null. */
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** {@code HTTP 404 Not Found}. */
        String statusLine() {
            return "HTTP " + status + (reason.isEmpty() ? "" : " " + reason);
        }
    }

    private final Object lock = new Object();
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean closed;

    /**
     * Connects to each address of {@code host} in turn until one answers (or through {@code proxy}, which resolves
     * the host itself), then does the TLS handshake when {@code tls} is given. {@code connectTimeoutMillis} (0: none)
     * bounds the TCP connect to each address and the handshake.
     */
    void connect(String host, int port, SSLContext tls, boolean verifyHostname, int connectTimeoutMillis, Proxy proxy)
        throws IOException {
        IOException last = null;
        Socket connected = null;
        if (proxy != null && proxy.type() != Proxy.Type.DIRECT) {
            // the same tunnel as the WebSocket's: CONNECT for an http:// proxy, SOCKS5 for socks://
            Socket s = new Socket(proxy);
            register(s);
            try {
                s.connect(InetSocketAddress.createUnresolved(host, port), connectTimeoutMillis);
            } catch (IOException e) {
                s.close();
                throw e;
            }
            connected = s;
        }
        for (InetAddress address : connected != null ? new InetAddress[0] : InetAddress.getAllByName(host)) {
            Socket s = new Socket();
            register(s);
            try {
                s.connect(new InetSocketAddress(address, port), connectTimeoutMillis);
                connected = s;
                break;
            } catch (SocketTimeoutException e) {
                s.close();
                last = timeout("no TCP connection within " + connectTimeoutMillis + " ms", e);
                ensureOpen();
            } catch (ConnectException | NoRouteToHostException e) {
                s.close();
                last = e;
                ensureOpen();
            }
        }
        if (connected == null) {
            throw last != null ? last : new ConnectException("no address for " + host);
        }
        connected.setTcpNoDelay(true);
        connected.setKeepAlive(true);
        Socket stream = connected;
        if (tls != null) {
            connected.setSoTimeout(connectTimeoutMillis);
            SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(connected, host, port, true);
            SSLParameters params = ssl.getSSLParameters();
            if (verifyHostname) {
                params.setEndpointIdentificationAlgorithm("HTTPS");
            }
            params.setApplicationProtocols(new String[] {"http/1.1"});
            ssl.setSSLParameters(params);
            try {
                ssl.startHandshake();
            } catch (SocketTimeoutException e) {
                throw timeout("took the connection but did not answer the TLS handshake within " + connectTimeoutMillis
                    + " ms (--connect-timeout); is it a plain http:// port?", e);
            }
            stream = ssl;
        }
        synchronized (lock) {
            ensureOpen();
            in = new BufferedInputStream(stream.getInputStream(), 8192);
            out = stream.getOutputStream();
        }
    }

    /**
     * Sends a request (with its body, of which a Content-Length is sent) and reads the response head.
     *
     * @param target                 path and query ({@code /events?x=1})
     * @param headers                every request header, Host included
     * @param body                   null for none
     * @param responseTimeoutMillis  how long to wait for the head (0: no limit)
     * @param idleTimeoutMillis      how long the body may stay silent afterwards (0: no limit)
     * @param written                runs once the request is on the wire
     */
    Response request(String method, String target, List<HttpHeader> headers, byte[] body, int responseTimeoutMillis,
        int idleTimeoutMillis, Runnable written) throws IOException {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        for (HttpHeader h : headers) {
            request.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Length: ").append(body.length).append("\r\n");
        }
        request.append("\r\n");
        Socket s;
        synchronized (lock) {
            ensureOpen();
            s = socket;
        }
        s.setSoTimeout(responseTimeoutMillis);
        // header values go out as a browser sends them: each character below U+0100 as one byte
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.write(body);
        }
        out.flush();
        written.run();

        String statusLine;
        int status;
        String reason;
        Map<String, List<String>> responseHeaders;
        do { // 1xx interim responses are skipped
            try {
                statusLine = readLine(in);
            } catch (SocketTimeoutException e) {
                throw timeout("no response within " + responseTimeoutMillis + " ms", e);
            }
            if (statusLine == null) {
                throw new EOFException("closed the connection without answering");
            }
            if (!statusLine.startsWith("HTTP/") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
                throw new IOException("not an HTTP response: " + NetErrors.oneLine(abbreviate(statusLine)));
            }
            try {
                status = Integer.parseInt(statusLine.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP status line: " + NetErrors.oneLine(abbreviate(statusLine)));
            }
            reason = statusLine.length() > 13 ? statusLine.substring(13).strip() : "";
            responseHeaders = readHeaders(in);
        } while (status >= 100 && status < 200 && status != 101);
        s.setSoTimeout(idleTimeoutMillis);

        InputStream responseBody;
        String transferEncoding = first(responseHeaders, "transfer-encoding");
        String contentLength = first(responseHeaders, "content-length");
        if (status == 204 || status == 304 || status < 200 || method.equals("HEAD")) {
            responseBody = InputStream.nullInputStream();
        } else if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            responseBody = new ChunkedBody(in);
        } else if (contentLength != null) {
            long length;
            try {
                length = Long.parseLong(contentLength.strip());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0) { // a negative length used to reach read() and throw IndexOutOfBoundsException
                throw new IOException("bad Content-Length: " + NetErrors.oneLine(abbreviate(contentLength)));
            }
            responseBody = new FixedBody(in, length);
        } else {
            responseBody = in; // until the server closes
        }
        return new Response(status, reason, responseHeaders, responseBody);
    }

    /** Closes the socket; a connect, handshake or read blocked in another thread ends with an exception. */
    @Override
    public void close() {
        Socket s;
        synchronized (lock) {
            closed = true;
            s = socket;
        }
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static SocketTimeoutException timeout(String message, SocketTimeoutException cause) {
        SocketTimeoutException e = new SocketTimeoutException(message);
        e.initCause(cause);
        return e;
    }

    private void register(Socket s) throws IOException {
        synchronized (lock) {
            if (closed) {
                s.close();
                throw new SocketException("Socket closed");
            }
            socket = s;
        }
    }

    private void ensureOpen() throws SocketException {
        synchronized (lock) {
            if (closed) {
                throw new SocketException("Socket closed");
            }
        }
    }

    private static Map<String, List<String>> readHeaders(InputStream in) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int n = 0;; n++) {
            String line = readLine(in);
            if (line == null) {
                throw new EOFException("the connection ended inside the response head");
            }
            if (line.isEmpty()) {
                return headers;
            }
            if (n == MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " response headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue; // not a header line; ignored as lenient clients do
            }
            headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .add(line.substring(colon + 1).strip());
        }
    }

    /** A line without its CRLF or LF, or null at the end of the stream before any byte. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(80);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new EOFException("the connection ended inside a line");
            }
            if (line.size() == MAX_LINE) {
                throw new IOException("response line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** {@code Transfer-Encoding: chunked}, handed out as the chunks arrive. */
    private static final class ChunkedBody extends InputStream {
        private final InputStream in;
        private long remaining;
        private boolean first = true;
        private boolean done;

        ChunkedBody(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            if (remaining == 0) {
                if (!first) {
                    String crlf = readLine(in);
                    if (crlf == null || !crlf.isEmpty()) {
                        throw new IOException("bad chunked encoding: no line end after a chunk");
                    }
                }
                first = false;
                String sizeLine = readLine(in);
                if (sizeLine == null) {
                    throw new EOFException("the stream ended without its last chunk");
                }
                int semicolon = sizeLine.indexOf(';');
                String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
                try {
                    remaining = Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size: " + NetErrors.oneLine(abbreviate(sizeLine)));
                }
                if (remaining < 0) {
                    throw new IOException("bad chunk size: " + hex);
                }
                if (remaining == 0) {
                    String trailer;
                    do {
                        trailer = readLine(in);
                    } while (trailer != null && !trailer.isEmpty());
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("the stream ended inside a chunk");
            }
            remaining -= n;
            return n;
        }
    }

    /** {@code Content-Length: n}. */
    private static final class FixedBody extends InputStream {
        private final InputStream in;
        private long remaining;

        FixedBody(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("the stream ended " + remaining + " bytes before its Content-Length");
            }
            remaining -= n;
            return n;
        }
    }
}
