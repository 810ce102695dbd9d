package dev.htmxws.protocol;

import dev.htmxws.protocol.js.Hcon;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * htmx 4's WebSocket settings ({@code htmx.config.ws}, overridden by {@code hx-config="ws.…"} on the connect
 * element), with the defaults of hx-ws.js 4.0.1.
 */
public record WsConfig(boolean reconnect, List<Integer> reconnectCodes, long reconnectDelay, long reconnectMaxDelay,
    double reconnectMaxAttempts, double reconnectJitter, int maxOutgoingMessagesQueueSize,
    List<String> protocols) {

    public static final WsConfig DEFAULT = new WsConfig(true, List.of(1001, 1005, 1006, 1011, 1012, 1013, 1014), 500,
        60_000, Double.POSITIVE_INFINITY, 0.3, 100, null);

    /** The defaults overridden by the {@code ws} part of an {@code hx-config} value (HCON or JSON). */
    public static WsConfig fromHxConfig(String hxConfig) {
        if (hxConfig == null || hxConfig.isBlank()) {
            return DEFAULT;
        }
        Object ws = Hcon.parse(hxConfig).get("ws");
        if (!(ws instanceof Map<?, ?> m)) {
            return DEFAULT;
        }
        WsConfig d = DEFAULT;
        return new WsConfig(
            bool(m.get("reconnect"), d.reconnect),
            ints(m.get("reconnectCodes"), d.reconnectCodes),
            num(m.get("reconnectDelay"), d.reconnectDelay),
            num(m.get("reconnectMaxDelay"), d.reconnectMaxDelay),
            m.get("reconnectMaxAttempts") instanceof Number n ? n.doubleValue() : d.reconnectMaxAttempts,
            m.get("reconnectJitter") instanceof Number n ? n.doubleValue() : d.reconnectJitter,
            (int) num(m.get("maxOutgoingMessagesQueueSize"), d.maxOutgoingMessagesQueueSize),
            strings(m.get("protocols"), d.protocols));
    }

    private static boolean bool(Object v, boolean dflt) {
        return v instanceof Boolean b ? b : dflt;
    }

    private static long num(Object v, long dflt) {
        return v instanceof Number n ? n.longValue() : dflt;
    }

    private static List<Integer> ints(Object v, List<Integer> dflt) {
        if (!(v instanceof List<?> l)) {
            return dflt;
        }
        List<Integer> out = new ArrayList<>();
        for (Object o : l) {
            if (o instanceof Number n) {
                out.add(n.intValue());
            }
        }
        return List.copyOf(out);
    }

    private static List<String> strings(Object v, List<String> dflt) {
        if (v instanceof String s) {
            return List.of(s);
        }
        if (!(v instanceof List<?> l)) {
            return dflt;
        }
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            out.add(String.valueOf(o));
        }
        return List.copyOf(out);
    }
}
