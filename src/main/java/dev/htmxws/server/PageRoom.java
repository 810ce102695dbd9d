package dev.htmxws.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The {@code --page FILE} room: every frame a client sends goes to {@code onFrame} (the command prints it); with
 * a template, each is answered with the template filled from the message's fields. Lines to push to everyone
 * come in through {@link #push}.
 */
public final class PageRoom implements Room {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Template echo;
    private final BiConsumer<Client, String> onFrame;
    private final Consumer<String> log;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** @param echo the --echo template, or null */
    public PageRoom(Template echo, BiConsumer<Client, String> onFrame, Consumer<String> log) {
        this.echo = echo;
        this.onFrame = onFrame;
        this.log = log;
    }

    @Override
    public void joined(Client c, Hub hub) {
        // the hub has said who connected
    }

    @Override
    public void message(Client c, String text, Hub hub) {
        onFrame.accept(c, text);
        if (echo == null) {
            return;
        }
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (java.io.IOException e) {
            m = null;
        }
        if (m == null || !m.isObject()) {
            if (warned.add("")) {
                log.accept("warning: --echo: " + c
                    + " sent a frame that is not a JSON object; its placeholders are left empty");
            }
            m = JSON.createObjectNode();
        }
        Set<String> missing = new LinkedHashSet<>();
        String answer = echo.fill(m, missing);
        for (String name : missing) {
            if (warned.add(name)) {
                log.accept("warning: --echo: a message from " + c + " has no field " + name + "; {" + name
                    + "} is left empty");
            }
        }
        c.send(answer);
    }

    @Override
    public void left(Client c, int code, String reason, Hub hub) {
        // the hub has said who left
    }

    /** Sends one line to every client; returns how many it went to. */
    public static int push(Hub hub, String line) {
        return hub.sendToAll(line);
    }
}
