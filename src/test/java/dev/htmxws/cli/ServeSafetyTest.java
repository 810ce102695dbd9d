package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.htmxws.net.WsWire;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} is safe by default: every socket it listens on is bound to loopback unless {@code --host} says
 * otherwise, its default limits (65,536-byte messages, 100 clients) hold without being asked for, and classic XSS
 * payloads in any user field come back as text in every fragment the chat and {@code --echo} build: no element,
 * no attribute, no htmx attribute a page would act on.
 */
class ServeSafetyTest {

    /** Classic payloads, and the htmx ones: markup that would make a page send, swap or run something. */
    static final List<String> XSS = List.of(
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\"><svg/onload=alert(1)>",
        "'><script>alert(1)</script>",
        "</p><script>alert(1)</script><p>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<body onload=alert(1)>",
        "<!--<script>alert(1)//-->",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<div hx-get=\"/steal\" hx-trigger=\"load\">x</div>",
        "<div id=\"users\" hx-swap-oob=\"true\">taken over</div>",
        "<hx-partial hx-target=\"body\">gone</hx-partial>",
        "<style>@import 'http://evil/x.css';</style>",
        "&lt;script&gt;already escaped&lt;/script&gt;",
        "{{constructor.constructor('alert(1)')()}}",
        "\u0000<script>\u0000alert(1)</script>");

    private final ServeFixture fixture = new ServeFixture();

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    // ------------------------------------------------------------------ where it listens

    @Test
    void everySocketServeListensOnIsLoopbackByDefaultAndAllAddressesOnlyWhenAsked() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "reads the kernel's socket table (Linux)");
        Set<String> before = ownListeners();
        RunningServe s = fixture.serve();
        Set<String> mine = new HashSet<>(ownListeners());
        mine.removeAll(before);
        assertThat(mine).as("serve's listening sockets: the front door, and the page and WebSocket servers behind it")
            .hasSizeGreaterThanOrEqualTo(2).allMatch(a -> a.startsWith("127.0.0.1:") || a.startsWith("[::1]:"))
            .contains("127.0.0.1:" + s.port);

        Set<String> before2 = ownListeners();
        RunningServe open = fixture.serve("--host", "0.0.0.0");
        Set<String> opened = new HashSet<>(ownListeners());
        opened.removeAll(before2);
        // Java binds 0.0.0.0 as the dual-stack [::] where the machine has IPv6
        assertThat(opened).as("asked for: the front door alone on every address")
            .filteredOn(a -> !a.startsWith("127.0.0.1:")).singleElement()
            .isIn("0.0.0.0:" + open.port, "[::]:" + open.port);

        InetAddress lan = nonLoopbackAddress();
        assumeTrue(lan != null, "the machine has an address other than loopback");
        assertThat(connects(lan, s.port)).as("the default server from " + lan).isFalse();
        assertThat(connects(lan, open.port)).as("--host 0.0.0.0 from " + lan).isTrue();
    }

    /** The local addresses of this process's listening TCP sockets, from /proc (inode of each fd → socket table). */
    private static Set<String> ownListeners() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed while listing
                }
            }
        }
        Set<String> out = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path t = Path.of(table);
            if (!Files.isReadable(t)) {
                continue;
            }
            List<String> rows = Files.readAllLines(t); // read once: other processes change the table meanwhile
            for (String line : rows.subList(1, rows.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) { // 0A: LISTEN
                    out.add(address(f[1]));
                }
            }
        }
        return out;
    }

    /** {@code 0100007F:1F90} → {@code 127.0.0.1:8080}; IPv6 as {@code [::1]:8080}. */
    private static String address(String hex) throws IOException {
        String[] hp = hex.split(":");
        byte[] raw = new byte[hp[0].length() / 2];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) Integer.parseInt(hp[0].substring(2 * i, 2 * i + 2), 16);
        }
        byte[] addr = new byte[raw.length];
        for (int word = 0; word < raw.length / 4; word++) { // the kernel prints each 32-bit word in host order
            for (int b = 0; b < 4; b++) {
                addr[4 * word + b] = raw[4 * word + 3 - b];
            }
        }
        InetAddress a = InetAddress.getByAddress(addr);
        String host = a.getHostAddress();
        if (a instanceof java.net.Inet6Address) {
            host = a.isLoopbackAddress() ? "[::1]" : a.isAnyLocalAddress() ? "[::]" : "[" + host + "]";
            if (host.startsWith("[::ffff:")) {
                host = host.substring(8, host.length() - 1);
            }
        }
        return host + ":" + Integer.parseInt(hp[1], 16);
    }

    private static InetAddress nonLoopbackAddress() throws IOException {
        for (NetworkInterface i : NetworkInterface.networkInterfaces().toList()) {
            if (i.isUp() && !i.isLoopback()) {
                for (InetAddress a : i.inetAddresses().toList()) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        return a;
                    }
                }
            }
        }
        return null;
    }

    private static boolean connects(InetAddress host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 3000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    // ------------------------------------------------------------------ default limits

    @Test
    void theDefaultLimitsHoldWithoutBeingAskedFor() throws Exception {
        RunningServe s = fixture.serve();
        WsTestClient a = fixture.client(s.wsUrl);
        a.next();
        a.send("{\"chat_message\":\"" + "x".repeat(65_536) + "\"}");
        assertThat(a.awaitClose()).isTrue();
        assertThat(a.closeCode).isEqualTo(1009);
        assertThat(a.closeReason).isEqualTo("message too big: the limit is 65536 bytes (--max-message-size)");

        // 100 clients by default: raw upgrades, so that 101 clients cost no client library threads
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                sockets.add(upgrade(s.port));
            }
            Socket extra = upgrade(s.port);
            sockets.add(extra);
            String refusal = null;
            int code = -1;
            DataInputStream in = new DataInputStream(extra.getInputStream());
            while (code < 0) {
                int op = in.readUnsignedByte() & 0x0f;
                byte[] payload = new byte[payloadLength(in)];
                in.readFully(payload);
                if (op == WsWire.TEXT) {
                    refusal = new String(payload, StandardCharsets.UTF_8);
                } else if (op == WsWire.CLOSE) {
                    code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
                }
            }
            assertThat(refusal).contains("the chat is full (100 people)");
            assertThat(code).isEqualTo(1013);
        } finally {
            for (Socket sock : sockets) {
                sock.close();
            }
        }
    }

    /** A WebSocket upgrade by hand; returns the socket once the server answered 101. */
    private static Socket upgrade(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(20_000);
        String key = Base64.getEncoder().encodeToString(new byte[16]);
        s.getOutputStream().write(("GET /chatroom HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        String head = dev.htmxws.net.ScriptedServer.readHead(s.getInputStream());
        assertThat(head).startsWith("HTTP/1.1 101");
        return s;
    }

    private static int payloadLength(DataInputStream in) throws IOException {
        int len = in.readUnsignedByte() & 0x7f;
        if (len == 126) {
            return in.readUnsignedShort();
        }
        if (len == 127) {
            return (int) in.readLong();
        }
        return len;
    }

    // ------------------------------------------------------------------ user text in fragments

    @Test
    void classicPayloadsInTheChatComeBackAsTextInEveryFragment() throws Exception {
        RunningServe s = fixture.serve();
        WsTestClient a = fixture.client(s.wsUrl);
        a.next();
        for (String payload : XSS) {
            String name = payload.length() > 40 ? payload.substring(0, 40) : payload; // names are cut at 40
            a.send(json(Map.of("chat_message", "said " + payload, "name", name)));
            String msg = a.next();
            Document d = Jsoup.parseBodyFragment(msg);
            assertOnlyTheChatsOwnMarkup(d, payload);
            assertThat(d.selectFirst("#chat_room p.msg").text()).as(payload)
                .isEqualTo((name + ": said " + payload).strip()
                    .replace("\u0000", "").replaceAll("\\s+", " "));
            assertThat(d.selectFirst("#status").text()).as(payload)
                .isEqualTo(("last message from " + name).replace("\u0000", "")
                    .replaceAll("\\s+", " ").strip());
        }
        a.closeBlocking();
        WsTestClient b = fixture.client(s.wsUrl); // the snapshot a newcomer gets replays every line, and the leave notice
        Document snapshot = Jsoup.parseBodyFragment(b.next());
        assertOnlyTheChatsOwnMarkup(snapshot, "the snapshot");
        assertThat(snapshot.select("#chat_room p.msg")).hasSize(XSS.size());
    }

    /** The elements and attributes the chat itself writes, and nothing a payload could have added. */
    private static void assertOnlyTheChatsOwnMarkup(Document d, String what) {
        Set<String> tags = Set.of("body", "div", "p", "b", "span");
        Set<String> attrs = Set.of("id", "class", "hx-swap-oob");
        for (Element e : d.body().getAllElements()) {
            assertThat(e.normalName()).as(what + ": " + d.body().html()).isIn(tags);
            for (Attribute at : e.attributes()) {
                assertThat(at.getKey()).as(what + ": " + d.body().html()).isIn(attrs);
            }
        }
        assertThat(d.select("[hx-swap-oob]").eachAttr("id")).as(what)
            .allMatch(id -> Set.of("chat_room", "users", "status")
                .contains(id));
    }

    @Test
    void classicPayloadsInAnEchoTemplateComeBackAsTextInTextAndInAttributes() throws Exception {
        Path page = dir.resolve("page.html");
        Files.writeString(page,
            "<!DOCTYPE html><html><body><div hx-ext=\"ws\" ws-connect=\"/ws\"><div id=\"log\"></div>"
                + "</div></body></html>");
        RunningServe s = fixture.serve("--page", page.toString(), "--ws-path", "/ws", "--echo",
            "<div id=\"log\" hx-swap-oob=\"beforeend\"><p title=\"{who}\" data-x='{who}'>{said}</p></div>");
        WsTestClient a = fixture.client(s.wsUrl);
        for (String payload : XSS) {
            a.send(json(Map.of("who", payload, "said", payload)));
            String msg = a.next();
            Document d = Jsoup.parseBodyFragment(msg);
            assertThat(d.body().children()).as(msg).singleElement();
            Element p = d.selectFirst("#log > p");
            assertThat(p).as(msg).isNotNull();
            assertThat(p.children()).as(payload + ": no element inside\n" + msg).isEmpty();
            assertThat(p.attributes().asList()).as(msg).extracting(Attribute::getKey).containsExactly("title",
                "data-x");
            assertThat(p.attr("title")).as(msg).isEqualTo(payload.replace("\u0000", "\uFFFD"));
            assertThat(p.attr("data-x")).as(msg).isEqualTo(payload.replace("\u0000", "\uFFFD"));
            assertThat(p.wholeText()).as(msg).isEqualTo(payload.replace("\u0000", ""));
        }
    }

    private static String json(Map<String, String> fields) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(fields);
    }
}
