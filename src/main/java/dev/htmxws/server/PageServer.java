package dev.htmxws.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The HTTP side (the JDK's HttpServer) on an internal loopback port behind the {@link FrontDoor}: the page at
 * {@code /}, and with {@code --assets DIR} the files of DIR at {@code /assets/NAME} (htmx and the ws extension
 * at {@code /assets/htmx.min.js} and {@code /assets/ws.js}).
 */
final class PageServer {

    private final HttpServer http;
    private final ExecutorService pool;

    PageServer(Server.Page page, Assets assets, Consumer<String> log) throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "htmxws-serve-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(pool);
        http.createContext("/", ex -> {
            try {
                handle(ex, page, assets, log);
            } catch (IOException | RuntimeException e) {
                log.accept("error answering " + ex.getRequestURI().getPath() + ": " + e.getMessage());
            } finally {
                ex.close();
            }
        });
        http.start();
    }

    int port() {
        return http.getAddress().getPort();
    }

    void stop() {
        http.stop(0);
        pool.shutdownNow();
    }

    private static void handle(HttpExchange ex, Server.Page page, Assets assets, Consumer<String> log)
        throws IOException {
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ex.getResponseHeaders().add("Allow", "GET, HEAD");
            text(ex, 405, "405 method not allowed: this server answers GET\n");
            return;
        }
        String path = ex.getRequestURI().getPath();
        if (path.equals("/") || path.equals("/index.html")) {
            String html;
            try {
                html = page.html();
            } catch (IOException e) {
                log.accept("cannot read the page: " + e.getMessage());
                text(ex, 500, "500 cannot read the page: " + e.getMessage() + "\n");
                return;
            }
            send(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (path.startsWith("/assets/") && assets != null) {
            Path file = assets.file(path.substring("/assets/".length()));
            if (file != null) {
                send(ex, 200, contentType(file), Files.readAllBytes(file));
                return;
            }
        }
        if (path.equals("/favicon.ico")) {
            ex.sendResponseHeaders(204, -1);
            return;
        }
        text(ex, 404, "404 not found: " + path + "\n");
    }

    private static void text(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String contentType(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".js") || n.endsWith(".mjs")) {
            return "text/javascript; charset=utf-8";
        }
        if (n.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (n.endsWith(".html") || n.endsWith(".htm")) {
            return "text/html; charset=utf-8";
        }
        if (n.endsWith(".json") || n.endsWith(".map")) {
            return "application/json";
        }
        if (n.endsWith(".svg")) {
            return "image/svg+xml";
        }
        if (n.endsWith(".png")) {
            return "image/png";
        }
        return "application/octet-stream";
    }
}
