package dev.htmxws.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed server certificate made at test time with the JDK's {@code keytool} (EC P-256, valid for two
 * days), for TLS tests of any client: the PKCS12 key store and its password, the certificate as PEM (what
 * {@code --cacert} takes) and a server-side {@link SSLContext} (for {@code HttpsServer} or an
 * {@code SSLServerSocketFactory}).
 *
 * <p>{@link #localhost()} is made once per test JVM (keytool takes a moment) for {@code 127.0.0.1} and
 * {@code localhost}; {@link #create(Path, String)} makes one for other names, such as one that does not match
 * the host, to test host name verification.
 */
public final class SelfSignedCert {

    /** The subject alternative names of {@link #localhost()}. */
    public static final String LOCALHOST_SAN = "ip:127.0.0.1,dns:localhost";

    private static final String ALIAS = "server";
    private static SelfSignedCert shared;

    private final Path pkcs12;
    private final String password;
    private final Path pem;

    private SelfSignedCert(Path pkcs12, String password, Path pem) {
        this.pkcs12 = pkcs12;
        this.password = password;
        this.pem = pem;
    }

    /** One certificate for 127.0.0.1 and localhost, shared by every test of this JVM (files deleted at exit). */
    public static synchronized SelfSignedCert localhost() throws IOException {
        if (shared == null) {
            Path dir = Files.createTempDirectory("htmxws-cert");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            shared = create(dir, LOCALHOST_SAN);
        }
        return shared;
    }

    /**
     * Makes a key pair and self-signed certificate in {@code dir}.
     *
     * @param san keytool's subject alternative names, e.g. {@code ip:127.0.0.1,dns:localhost}
     */
    public static SelfSignedCert create(Path dir, String san) throws IOException {
        Files.createDirectories(dir);
        String password = "changeit-" + Long.toHexString(System.nanoTime());
        Path p12 = Files.createTempFile(dir, "server", ".p12");
        Files.delete(p12); // keytool creates it
        Path pem = dir.resolve(p12.getFileName().toString().replace(".p12", ".pem"));
        keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
            "-dname", "CN=htmxws test", "-validity", "2", "-ext", "SAN=" + san,
            "-keystore", p12.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", p12.toString(), "-storetype", "PKCS12",
            "-storepass", password, "-file", pem.toString());
        return new SelfSignedCert(p12, password, pem);
    }

    /** The PKCS12 key store with the key and certificate under alias {@code server}. */
    public Path pkcs12() {
        return pkcs12;
    }

    /** The password of the key store and of the key. */
    public String password() {
        return password;
    }

    /** The certificate alone, PEM ({@code -----BEGIN CERTIFICATE-----}). */
    public Path pem() {
        return pem;
    }

    /** A TLS context that serves this certificate. */
    public SSLContext serverContext() throws IOException {
        try (InputStream in = Files.newInputStream(pkcs12)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password.toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load " + pkcs12 + ": " + e, e);
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish within 60 s: " + command);
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException("keytool failed (" + p.exitValue() + "): " + output.strip());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind
        }
    }
}
