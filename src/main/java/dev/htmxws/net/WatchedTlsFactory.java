package dev.htmxws.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS socket factory of one connection, noting when its handshake completes: a connection that waits can then
 * say whether it waits for TLS (a wss:// URL pointed at a plain port) or for the WebSocket upgrade. It stays an
 * {@link SSLSocketFactory}: Java-WebSocket uses the default TLS context for anything else when going through a
 * proxy.
 */
final class WatchedTlsFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private volatile boolean handshakeDone;

    WatchedTlsFactory(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    private Socket watched(Socket s) {
        if (s instanceof SSLSocket ssl) {
            ssl.addHandshakeCompletedListener(e -> handshakeDone = true);
        }
        return s;
    }

    @Override
    public Socket createSocket() throws IOException {
        return watched(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return watched(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return watched(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
        return watched(delegate.createSocket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return watched(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
        return watched(delegate.createSocket(address, port, local, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }
}
