package dev.htmxws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.protocol.js.Hcon;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/spec/protocol.md §3.2, §3.4, §3.5 and the lifecycle conformance cases CC-26, CC-27, CC-35, CC-39, CC-43. */
class LifecycleRulesTest {

    private static final String PAGE = "http://host:8080/dir/page.html";

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
        HTMX2 | /chatroom       | ws://host:8080/chatroom        | ws://host:8080/chatroom
        HTMX2 | chatroom        | chatroom                       | ws://host:8080/dir/chatroom
        HTMX2 | wss:/chatroom   | wss:/chatroom                  | wss://chatroom/
        HTMX2 | //h/p           | ws://host:8080//h/p            | ws://host:8080//h/p
        HTMX2 | http://h/p      | http://h/p                     | ws://h/p
        HTMX2 | ws://h:1/p?q=1  | ws://h:1/p?q=1                 | ws://h:1/p?q=1
        HTMX1 | /a,             | ws://host:8080/a,              | ws://host:8080/a,
        HTMX4 | /chatroom       | ws://host:8080/chatroom        | ws://host:8080/chatroom
        HTMX4 | chatroom        | ws://host:8080/dir/chatroom    | ws://host:8080/dir/chatroom
        HTMX4 | wss:/chatroom   | ws://host:8080/dir/wss:/chatroom | ws://host:8080/dir/wss:/chatroom
        HTMX4 | http://h/p      | ws://h/p                       | ws://h/p
        HTMX4 | https://h/p     | wss://h/p                      | wss://h/p
        HTMX4 | //h/p           | ws://h/p                       | ws://h/p
        HTMX4 | WS://h/p        | ws://host:8080/dir/WS://h/p    | ws://host:8080/dir/WS://h/p
        """)
    void socketUrls(Dialect d, String value, String given, String connectTo) {
        SocketUrl.Resolved r = SocketUrl.resolve(d, value, PAGE);
        assertThat(r.given()).isEqualTo(given);
        assertThat(r.connectTo()).isEqualTo(connectTo);
    }

    @Test
    void secureAndPlaceholderPages() {
        assertThat(SocketUrl.resolve(Dialect.HTMX2, "/ws", "https://h/p").connectTo()).isEqualTo("wss://h/ws");
        assertThat(SocketUrl.resolve(Dialect.HTMX4, "/ws", "http://127.0.0.1:{port}/page.html").connectTo())
            .isEqualTo("ws://127.0.0.1:{port}/ws");
        assertThat(SocketUrl.resolve(Dialect.HTMX2, "/x#frag", PAGE).connectTo()).isEqualTo("ws://host:8080/x#frag");
        assertThat(SocketUrl.resolve(Dialect.HTMX2, "x#frag", PAGE).connectTo()).as("browsers refuse fragments")
            .isNull();
        assertThat(SocketUrl.resolve(Dialect.HTMX2, "wss:/chatroom", PAGE).warning().code())
            .isEqualTo("url-prefix-form");
    }

    @Test
    void htmx2ReconnectCodesAndFullJitter() {
        ReconnectPolicy p = ReconnectPolicy.of(Dialect.HTMX2);
        assertThat(List.of(1006, 1011, 1012, 1013)).allMatch(p::reconnects);
        assertThat(List.of(1000, 1001, 1005, 1014)).noneMatch(p::reconnects);
        // CC-27 with random() = 0.5: 500, 1000, 2000 ms; capped at 2^6 s
        assertThat(p.delayMillis(0, 0.5)).isEqualTo(500);
        assertThat(p.delayMillis(1, 0.5)).isEqualTo(1000);
        assertThat(p.delayMillis(2, 0.5)).isEqualTo(2000);
        assertThat(p.delayMillis(40, 0.999)).isEqualTo(63_936);
        assertThat(p.delayMillis(0, 0.0)).isZero();
    }

    @Test
    void htmx1DoesNotReconnectOn1011() {
        ReconnectPolicy p = ReconnectPolicy.of(Dialect.HTMX1);
        assertThat(List.of(1006, 1012, 1013)).allMatch(p::reconnects);
        assertThat(p.reconnects(1011)).isFalse();
        assertThat(p.delayMillis(2, 0.5)).isEqualTo(2000);
    }

    @Test
    void htmx4ExponentialWithJitterAndConfig() {
        ReconnectPolicy p = ReconnectPolicy.of(Dialect.HTMX4);
        assertThat(List.of(1001, 1005, 1006, 1011, 1012, 1013, 1014)).allMatch(p::reconnects);
        assertThat(p.reconnects(1000)).isFalse();
        // CC-43: random 0.5 makes the jitter term 0: 500, 1000, 2000
        assertThat(p.delayMillis(0, 0.5)).isEqualTo(500);
        assertThat(p.delayMillis(1, 0.5)).isEqualTo(1000);
        assertThat(p.delayMillis(2, 0.5)).isEqualTo(2000);
        assertThat(p.delayMillis(0, 0.0)).isEqualTo(350);
        assertThat(p.delayMillis(0, 1.0)).isEqualTo(650);
        assertThat(p.delayMillis(30, 0.5)).isEqualTo(60_000);
        ReconnectPolicy off = ReconnectPolicy.of(Dialect.HTMX4, WsConfig.fromHxConfig("ws.reconnect:false"));
        assertThat(off.reconnects(1006)).isFalse();
        WsConfig c = WsConfig
            .fromHxConfig("ws.maxOutgoingMessagesQueueSize:2 ws.protocols:[\"v1.chat\"] ws.reconnectDelay:100");
        assertThat(c.maxOutgoingMessagesQueueSize()).isEqualTo(2);
        assertThat(c.protocols()).containsExactly("v1.chat");
        assertThat(ReconnectPolicy.of(Dialect.HTMX4, c).delayMillis(1, 0.5)).isEqualTo(200);
        assertThat(WsConfig.fromHxConfig("{\"ws\": {\"reconnectMaxAttempts\": 3}}").reconnectMaxAttempts())
            .isEqualTo(3);
    }

    @Test
    void queues() {
        SendQueue h1 = SendQueue.of(Dialect.HTMX1, WsConfig.DEFAULT, false);
        assertThat(h1.offer("a", true)).isEqualTo(SendQueue.Fate.LOST_NO_QUEUE);
        SendQueue h2 = SendQueue.of(Dialect.HTMX2, WsConfig.DEFAULT, false);
        for (int i = 0; i < 1000; i++) {
            assertThat(h2.offer("m" + i, false)).isEqualTo(SendQueue.Fate.QUEUED);
        }
        assertThat(h2.drain()).hasSize(1000).startsWith("m0", "m1").endsWith("m999");
        // CC-39: 102 sends before open: 100 queued in order, 2 refused
        SendQueue h4 = SendQueue.of(Dialect.HTMX4, WsConfig.DEFAULT, false);
        for (int i = 1; i <= 102; i++) {
            h4.offer(Integer.toString(i), true);
        }
        assertThat(h4.size()).isEqualTo(100);
        assertThat(h4.offer("103", true)).isEqualTo(SendQueue.Fate.LOST_QUEUE_FULL);
        assertThat(h4.drain()).first().isEqualTo("1");
        assertThat(h4.offer("x", false)).isEqualTo(SendQueue.Fate.LOST_NOT_OPEN);
    }

    @Test
    void hconReadsLikeHtmx4() {
        Map<String, Object> m = Hcon.parse("k:v num:5 flag ws.reconnect:false 'q k':\"a b\"");
        assertThat(m).containsEntry("k", "v").containsEntry("num", 5.0).containsEntry("flag", true)
            .containsEntry("q k", "a b");
        assertThat(m.get("ws")).isEqualTo(Map.of("reconnect", false));
        assertThat(List.copyOf(m.keySet())).containsExactly("k", "num", "flag", "ws", "q k");
    }
}
