package dev.htmxws.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copies bytes from one side of a test proxy to the other on a daemon thread, closing the far side at the end. */
final class Pipe {

    private Pipe() {
    }

    static void start(InputStream from, OutputStream to, String name) {
        Thread t = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException ignored) {
                // one side closed
            } finally {
                try {
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }
}
