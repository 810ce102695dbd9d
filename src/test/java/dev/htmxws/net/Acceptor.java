package dev.htmxws.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A loopback server socket on a free port whose connections are each handled on a daemon thread (test proxies). */
final class Acceptor {

    interface Handler {
        void handle(Socket client) throws IOException;
    }

    private Acceptor() {
    }

    /** Listens and hands each connection to {@code handler}; a connection it fails on is closed. */
    static ServerSocket start(String name, Handler handler) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    return; // closed
                }
                Thread h = new Thread(() -> {
                    try {
                        handler.handle(client);
                    } catch (IOException | RuntimeException e) {
                        try {
                            client.close();
                        } catch (IOException ignored) {
                            // a broken test connection
                        }
                    }
                }, name + "-conn");
                h.setDaemon(true);
                h.start();
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return server;
    }
}
