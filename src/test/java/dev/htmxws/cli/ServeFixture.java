package dev.htmxws.cli;

import java.util.ArrayList;
import java.util.List;

/** The serve runs and WebSocket clients one test starts, closed after it, the last started first. */
final class ServeFixture implements AutoCloseable {

    private final List<AutoCloseable> started = new ArrayList<>();

    /** {@code htmxws serve --port 0 ARGS…}, running in process until the test ends. */
    RunningServe serve(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("serve", "--port", "0"));
        all.addAll(List.of(args));
        return closeAfter(new RunningServe(all.toArray(new String[0])));
    }

    /** A client connected to {@code url}, closed when the test ends. */
    WsTestClient client(String url) throws InterruptedException {
        WsTestClient c = WsTestClient.open(url);
        closeAfter(c::closeBlocking);
        return c;
    }

    <T extends AutoCloseable> T closeAfter(T thing) {
        started.add(thing);
        return thing;
    }

    @Override
    public void close() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }
}
