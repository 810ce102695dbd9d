package dev.htmxws.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.net.TestWsServer;
import dev.htmxws.net.WsOptions;
import dev.htmxws.protocol.Dialect;
import org.junit.jupiter.api.Test;

/** A session that reconnects again and again holds only its live socket, not one per connection it ever made. */
class LiveSessionReconnectTest {

    @Test
    void closedSocketsAreLetGo() throws Exception {
        int connections = 8;
        try (TestWsServer ws = TestWsServer.launch()) {
            ws.onConnect = c -> {
                if (c.<Integer>getAttachment() < connections) {
                    c.close(1012, "restart"); // htmx reconnects after a service restart
                }
            };
            LiveSession session = new LiveSession(Dialect.HTMX2,
                PageSource.standIn(Dialect.HTMX2, ws.url("/"), "", null).dom(),
                WsOptions.defaults(), -1, LiveSession.Messages.TEXT, e -> {});
            try {
                session.start();
                assertThat(session.runUntil(() -> session.connectionsOpened() == connections, 60_000))
                    .as("%d connections made", connections).isTrue();
                assertThat(session.socketsHeld()).as("sockets held after %d connections", connections).isEqualTo(1);
            } finally {
                session.closeAndWait();
            }
            assertThat(session.socketsHeld()).as("after the closing handshake").isZero();
        }
    }
}
