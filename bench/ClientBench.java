import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.TextFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Client benchmarks measured the way the oracle's performance anchors measure wscat and the browser:
 *
 *   stream N 'CMD {url}'     N htmx OOB messages of 200 bytes written in one burst to the first client;
 *                            time from the first byte written to the client printing "line N" (start-up and
 *                            connect excluded, reported apart). Prints msgs/s.
 *   roundtrip R 'CMD {url}'  a server that answers every frame with one OOB fragment; runs the command R times;
 *                            medians of spawn -> reply printed and spawn -> exit.
 *
 * Run through bench/client.sh (it builds the classpath). Loopback only; every wait is bounded.
 */
public class ClientBench {

    static String message(int i) {
        String head = "<div id=\"log\" hx-swap-oob=\"beforeend\"><p>line " + i + " ";
        String tail = "</p></div>";
        StringBuilder b = new StringBuilder(head);
        while (b.length() + tail.length() < 200) {
            b.append('x');
        }
        return b.append(tail).toString();
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int n = Integer.parseInt(args[1]);
        String cmd = args[2];
        if (mode.equals("stream")) {
            stream(n, cmd);
        } else {
            roundtrip(n, cmd);
        }
    }

    static void stream(int n, String cmd) throws Exception {
        List<Framedata> frames = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            TextFrame f = new TextFrame();
            f.setPayload(ByteBuffer.wrap(message(i).getBytes(StandardCharsets.UTF_8)));
            f.setFin(true);
            frames.add(f);
        }
        long[] firstByte = new long[1];
        long[] connected = new long[1];
        CountDownLatch ready = new CountDownLatch(1);
        WebSocketServer server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake h) {
                connected[0] = System.nanoTime();
                firstByte[0] = System.nanoTime();
                conn.sendFrame(frames); // one burst, so the server is not the bottleneck
            }

            @Override
            public void onClose(WebSocket c, int code, String r, boolean remote) {
            }

            @Override
            public void onMessage(WebSocket c, String m) {
            }

            @Override
            public void onError(WebSocket c, Exception e) {
            }

            @Override
            public void onStart() {
                ready.countDown();
            }
        };
        server.setDaemon(true);
        server.start();
        ready.await(10, TimeUnit.SECONDS);
        String url = "ws://127.0.0.1:" + server.getPort() + "/x";
        long spawn = System.nanoTime();
        Process p = new ProcessBuilder("bash", "-c", cmd.replace("{url}", url)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String last = "line " + n + " ";
        long lines = 0;
        long done = -1;
        String line;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            lines++;
            if (line.contains(last)) {
                done = System.nanoTime();
                break;
            }
        }
        p.destroy();
        p.waitFor(5, TimeUnit.SECONDS);
        server.stop(1000);
        if (done < 0) {
            System.out.println("{\"error\":\"the client did not print line " + n + "\",\"lines\":" + lines + "}");
            System.exit(1);
        }
        double ms = (done - firstByte[0]) / 1e6;
        System.out.printf("{\"n\":%d,\"apply_ms\":%.1f,\"msgs_per_s\":%.0f,\"connect_ms\":%.1f,\"stdout_lines\":%d}%n",
            n, ms, n / (ms / 1000), (connected[0] - spawn) / 1e6, lines);
    }

    static void roundtrip(int runs, String cmd) throws Exception {
        CountDownLatch ready = new CountDownLatch(1);
        WebSocketServer server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake h) {
            }

            @Override
            public void onClose(WebSocket c, int code, String r, boolean remote) {
            }

            @Override
            public void onMessage(WebSocket c, String m) {
                c.send("<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p>reply-1</p></div>");
            }

            @Override
            public void onError(WebSocket c, Exception e) {
            }

            @Override
            public void onStart() {
                ready.countDown();
            }
        };
        server.setDaemon(true);
        server.start();
        ready.await(10, TimeUnit.SECONDS);
        String url = "ws://127.0.0.1:" + server.getPort() + "/x";
        List<Double> reply = new ArrayList<>();
        List<Double> exit = new ArrayList<>();
        int ok = 0;
        for (int r = 0; r < runs; r++) {
            long spawn = System.nanoTime();
            Process p = new ProcessBuilder("bash", "-c", cmd.replace("{url}", url)).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            long got = -1;
            while ((line = out.readLine()) != null) {
                if (got < 0 && line.contains("reply-1")) {
                    got = System.nanoTime();
                }
            }
            boolean ended = p.waitFor(30, TimeUnit.SECONDS);
            long end = System.nanoTime();
            if (got > 0 && ended && p.exitValue() == 0) {
                ok++;
                reply.add((got - spawn) / 1e6);
                exit.add((end - spawn) / 1e6);
            }
            p.destroyForcibly();
        }
        server.stop(1000);
        System.out.printf("{\"runs\":%d,\"ok\":%d,\"reply_ms_median\":%.0f,\"exit_ms_median\":%.0f,\"exit_ms\":%s}%n",
            runs, ok, median(reply), median(exit), exit.stream().map(d -> String.format("%.0f", d)).toList());
    }

    static double median(List<Double> xs) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
