package dev.htmxws.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS as a browser does it by default (the JDK's trusted roots, host names verified), plus the two ways a
 * developer widens it: {@code --cacert FILE} (also trust these PEM certificates) and {@code -k} (trust
 * anything, and do not check the host name).
 *
 * @param insecure trust every certificate and skip host name verification
 * @param caCert   a PEM file of extra trusted certificates, or null
 */
public record Tls(boolean insecure, Path caCert) {

    public static final Tls DEFAULT = new Tls(false, null);

    /** Whether the host name must match the certificate (false only with {@code -k}). */
    public boolean verifyHostname() {
        return !insecure;
    }

    /** The SSL context for this setting; a bad --cacert file is an {@link IOException} naming it. */
    public SSLContext context() throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            if (insecure) {
                ctx.init(null, new TrustManager[] {new TrustAll()}, null);
            } else if (caCert != null) {
                ctx.init(null, trustManagers(caCert), null);
            } else {
                return SSLContext.getDefault();
            }
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The JDK's default roots plus every certificate in the PEM file. */
    private static TrustManager[] trustManagers(Path pem) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        defaults.init((KeyStore) null);
        int n = 0;
        for (TrustManager tm : defaults.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                for (X509Certificate c : x.getAcceptedIssuers()) {
                    ks.setCertificateEntry("default-" + n++, c);
                }
            }
        }
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pem)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(pem + ": not a PEM certificate file (" + e.getMessage() + ")", e);
        }
        if (certs.isEmpty()) {
            throw new IOException(pem + ": holds no certificate");
        }
        for (Certificate c : certs) {
            ks.setCertificateEntry("cacert-" + n++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf.getTrustManagers();
    }

    /** -k: every certificate is accepted (what curl -k does). */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // trusted by request of the user (-k)
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // trusted by request of the user (-k)
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
