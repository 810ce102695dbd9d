package dev.htmxws.net;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * One-line descriptions of network failures for a person at a terminal ("connection refused", "the
 * certificate of 127.0.0.1:8443 is not trusted ..."), instead of the JDK's exception messages.
 */
public final class NetErrors {

    private static final String TRUST_HINT = "--cacert FILE trusts a certificate, -k skips the check";

    private NetErrors() {
    }

    /**
     * Describes a failure talking to {@code target} ({@code host:port}), directly.
     *
     * @param e      what was thrown
     * @param target host and port, for the message
     */
    public static String describe(IOException e, String target) {
        return describe(e, target, null);
    }

    /**
     * Describes a failure talking to {@code target} ({@code host:port}) through {@code proxy} (null or
     * {@link Proxy#NO_PROXY}: directly). A proxy that cannot be reached is named as the proxy, not as the target.
     */
    public static String describe(IOException e, String target, Proxy proxy) {
        String viaProxy = proxy == null || proxy.type() == Proxy.Type.DIRECT ? null
            : proxy.address() instanceof InetSocketAddress a ? a.getHostString() + ":" + a.getPort()
                : String.valueOf(proxy.address());
        if (e instanceof SSLException ssl) {
            return tls(ssl, target);
        }
        String m = oneLine(e.getMessage());
        if (viaProxy != null) {
            if (e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException || e instanceof SocketTimeoutException
                || m.equalsIgnoreCase("Connection refused")) { // (a SOCKS proxy that is down: a SocketException)
                return "cannot connect to the proxy " + viaProxy + " (" + lower(m.isEmpty() ? "timed out" : m)
                    + "); is it running? (--proxy)";
            }
            if (m.startsWith("Unable to tunnel through proxy")) { // the HTTP proxy answered CONNECT with an error
                return "the proxy " + viaProxy + " would not connect to " + target + ": "
                    + m.replaceFirst("^Unable to tunnel through proxy\\. Proxy returns ", "").replace("\"", "");
            }
            if (m.startsWith("SOCKS")) { // the SOCKS proxy reported what happened on its side
                return "the SOCKS proxy " + viaProxy + " could not connect to " + target + ": "
                    + lower(m.replaceFirst("^SOCKS\\s*:?\\s*", ""));
            }
        }
        if (e instanceof UnknownHostException) {
            return "cannot resolve host " + m + " (DNS); check the URL";
        }
        if (e instanceof ConnectException) {
            return "cannot connect to " + target + " (" + lower(m) + "); is the server running?";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to " + target;
        }
        if (e instanceof SocketTimeoutException) {
            return target + ": " + (m.isEmpty() ? "timed out" : lower(m));
        }
        if (e instanceof EOFException) {
            return target + " closed the connection" + (m.isEmpty() ? "" : " (" + m + ")");
        }
        if (e instanceof SocketException) {
            return "connection to " + target + " failed: " + lower(m);
        }
        return m.isEmpty() ? e.getClass().getSimpleName() + " talking to " + target : m;
    }

    /**
     * Whether retrying cannot help: a certificate or TLS setup problem, or an unknown host. A connection that
     * drops during the handshake is not one of them (the server may be restarting).
     */
    public static boolean isFutile(IOException e) {
        if (e instanceof UnknownHostException) {
            return true;
        }
        if (e instanceof SSLException) {
            Throwable c = e.getCause();
            return !(c instanceof EOFException || c instanceof SocketException || c instanceof SocketTimeoutException);
        }
        return false;
    }

    /** The certificate problem, or the TLS failure, in one line. */
    static String tls(SSLException e, String target) {
        if (has(e, CertificateExpiredException.class)) {
            return "the certificate of " + target + " has expired; " + TRUST_HINT;
        }
        if (has(e, CertificateNotYetValidException.class)) {
            return "the certificate of " + target + " is not valid yet; " + TRUST_HINT;
        }
        String all = messages(e);
        if (has(e, CertPathBuilderException.class) || all.contains("unable to find valid certification path")) {
            return "the certificate of " + target + " is not trusted (self-signed or unknown issuer); " + TRUST_HINT;
        }
        if (all.contains("No subject alternative") || all.contains("No name matching")) {
            return "the certificate of " + target + " is not for this host name (" + innermost(e) + "); " + TRUST_HINT;
        }
        if (has(e, CertPathValidatorException.class)) {
            return "the certificate of " + target + " failed validation (" + innermost(e) + "); " + TRUST_HINT;
        }
        if (all.contains("Unsupported or unrecognized SSL message")) {
            return target
                + " answered without TLS; is it a plain ws:// or http:// port? (the URL says wss:// or https://)";
        }
        if (e instanceof SSLHandshakeException && e.getCause() instanceof EOFException) {
            return target + " closed the connection during the TLS handshake";
        }
        return "TLS with " + target + " failed: " + oneLine(e.getMessage());
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }

    private static String innermost(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return oneLine(c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage());
    }

    static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ");
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
