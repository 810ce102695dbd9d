package dev.htmxws.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** TLS against the JDK's HTTPS server with self-signed certificates made by keytool for the test. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpCallTlsTest {

    private HttpsServer server;
    private ExecutorService pool;
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
            pool.shutdownNow();
        }
    }

    /** An HTTPS server on 127.0.0.1 that sends one event and ends the stream. */
    private URI serve(SSLContext context) throws IOException {
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-https");
            t.setDaemon(true);
            return t;
        });
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.setExecutor(pool);
        server.createContext("/events", ex -> {
            requests.incrementAndGet();
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            ex.getResponseBody().write("data: secret\n\n".getBytes(UTF_8));
            ex.close();
        });
        server.start();
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/events");
    }

    /** One GET through {@link HttpCall}: what it got, or its one-line failure. */
    private static List<String> run(URI url, Tls tls) {
        WsOptions o = WsOptions.defaults();
        WsOptions options = new WsOptions(o.headers(), o.origin(), o.subprotocols(), o.cookie(), o.connectTimeout(),
            o.pingInterval(), o.maxMessageSize(), tls, o.proxy());
        try (HttpCall call = new HttpCall(options, null)) {
            HttpCall.Head head = call.send("GET", url, java.util.Map.of("Accept", "text/event-stream"), null, 0);
            return List.of(head.status() + " " + head.header("content-type"), call.bodyText(1 << 20).strip());
        } catch (IOException e) {
            return List.of("failed " + NetErrors.describe(e, url.getHost() + ":" + url.getPort()));
        }
    }

    @Test
    void aSelfSignedCertificateIsRefusedByDefaultAcceptedWithInsecureOrItsPem() throws Exception {
        SelfSignedCert cert = SelfSignedCert.localhost();
        URI url = serve(cert.serverContext());
        String target = "127.0.0.1:" + server.getAddress().getPort();

        List<String> refused = run(url, Tls.DEFAULT);
        assertThat(refused).containsExactly("failed the certificate of " + target
            + " is not trusted (self-signed or unknown issuer); --cacert FILE trusts a certificate, -k skips the check");
        assertThat(requests).hasValue(0);

        List<String> ok = List.of("200 text/event-stream", "data: secret");
        assertThat(run(url, new Tls(true, null))).containsExactlyElementsOf(ok);
        assertThat(run(url, new Tls(false, cert.pem()))).containsExactlyElementsOf(ok);
        assertThat(requests).hasValue(2);
    }

    @Test
    void aCertificateForAnotherHostIsRefusedEvenWhenTrustedButInsecureSkipsTheHostNameCheck(@TempDir Path dir)
        throws Exception {
        SelfSignedCert other = SelfSignedCert.create(dir, "dns:other.invalid");
        URI url = serve(other.serverContext());

        List<String> refused = run(url, new Tls(false, other.pem()));
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0))
            .startsWith(
                "failed the certificate of 127.0.0.1:" + server.getAddress().getPort() + " is not for this host name (")
            .contains("127.0.0.1")
            .doesNotContain("\n");
        assertThat(requests).hasValue(0);

        assertThat(run(url, new Tls(true, null))).containsExactly("200 text/event-stream", "data: secret");
    }

    @Test
    void theHelperCertificateIsAUsableKeyStoreAndPem() throws Exception {
        SelfSignedCert cert = SelfSignedCert.localhost();
        assertThat(cert.pkcs12()).isRegularFile();
        assertThat(cert.password()).isNotEmpty();
        assertThat(java.nio.file.Files.readString(cert.pem())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(new Tls(false, cert.pem()).context()).isNotNull();
    }
}
