package dev.htmxws.net;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
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
     * Describes a failure talking to {@code target} ({@code host:port}).
     *
     * @param e      what was thrown
     * @param target host and port, for the message
     */
    public static String describe(IOException e, String target) {
        if (e instanceof SSLException ssl) {
            return tls(ssl, target);
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + oneLine(e.getMessage());
        }
        if (e instanceof ConnectException) {
            return "cannot connect to " + target + ": " + lower(oneLine(e.getMessage()));
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to " + target;
        }
        if (e instanceof SocketTimeoutException) {
            String m = e.getMessage();
            return target + ": " + (m == null || m.isEmpty() ? "timed out" : lower(oneLine(m)));
        }
        if (e instanceof EOFException) {
            return target + " closed the connection"
                + (e.getMessage() == null ? "" : " (" + oneLine(e.getMessage()) + ")");
        }
        if (e instanceof SocketException) {
            return "connection to " + target + " failed: " + lower(oneLine(e.getMessage()));
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() + " talking to " + target : oneLine(m);
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
