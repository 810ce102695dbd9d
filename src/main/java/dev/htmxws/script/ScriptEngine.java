package dev.htmxws.script;

import dev.htmxws.client.LiveEvent;
import dev.htmxws.client.LiveSession;
import dev.htmxws.dom.VirtualDom;
import dev.htmxws.files.UserFiles;
import dev.htmxws.protocol.FormControls;
import dev.htmxws.protocol.HtmxPage;
import dev.htmxws.protocol.PageEvent;
import dev.htmxws.protocol.PageModel;
import dev.htmxws.protocol.js.JsonText;
import dev.htmxws.protocol.outgoing.Outgoing;
import dev.htmxws.protocol.outgoing.OutgoingMessageBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector;

/**
 * The shell: runs commands on a live page, in order, as they arrive. An {@code expect} or {@code wait}
 * holds the lines after it until it is met or its deadline passes, without ever blocking the session's
 * event loop (everything here runs on that loop's thread). Used both by the interactive terminal and by
 * scripts.
 */
public final class ScriptEngine {

    /** One expectation's outcome, for reports (one JUnit test case each). */
    public record Result(String where, String expectation, boolean met, long millis, String detail) {
    }

    /** Names of the commands, for help and completion. */
    public static final List<String> COMMANDS = List.of("submit", "click", "change", "fill", "type", "send", "raw",
        "json", "binary", "dom", "text", "forms", "headers", "queue", "ping", "close", "reconnect", "htmx", "expect",
        "wait",
        "record", "help", "quit");

    private final LiveSession session;
    private final HtmxPage page;
    private final VirtualDom dom;
    private final boolean realPage;
    private final ShellOutput out;
    private final LineParser parser;
    private final Duration defaultWithin;
    private final Function<String, Duration> durations;
    private final EventLog log = new EventLog();
    private final ArrayDeque<ScriptLine> pending = new ArrayDeque<>();
    private final Map<Integer, Integer> connOfSocket = new HashMap<>();
    private final List<Result> results = new ArrayList<>();
    private final List<String> executed = new ArrayList<>();
    /** Sockets open now, for the prompt. */
    private final java.util.Set<Integer> openSockets = new java.util.HashSet<>();
    private final java.util.Set<Integer> openStreams = new java.util.HashSet<>();

    private int cursor;
    private Blocker blocker;
    private boolean inputDone;
    private boolean quit;
    private boolean everOpened;
    private String connectionFailure;
    private int usageErrors;
    private int undelivered;
    private int uncertain;
    /** Whether an expectation was met after the last action: the script's own proof of what the server did. */
    private boolean checkedSinceLastAction;
    private boolean closing;
    private Path recordTo;

    /** What holds the next lines: an expectation with its deadline, or a wait. */
    private record Blocker(ScriptLine line, Expectation expectation, int from, long startNanos, long deadlineNanos) {
    }

    /**
     * @param realPage whether the page is a real one (dom, text, count and page commands make sense)
     */
    public ScriptEngine(LiveSession session, boolean realPage, ShellOutput out, LineParser parser,
        Duration defaultWithin, Function<String, Duration> durations) {
        this.session = session;
        this.page = session.page();
        this.dom = page.dom();
        this.realPage = realPage;
        this.out = out;
        this.parser = parser;
        this.defaultWithin = defaultWithin;
        this.durations = durations;
    }

    private final Map<Integer, String> streamUrls = new java.util.HashMap<>();
    private final Map<Integer, Integer> streamNumbers = new java.util.HashMap<>();
    private final Map<Integer, dev.htmxws.protocol.requests.HttpRequest> requests = new java.util.HashMap<>();

    // ---------------------------------------------------------------- what the loop tells us

    /** Every event of the session, on the loop thread: logged, shown, and checked against a waiting expect. */
    /** Failed connection attempts, said once each with the next delay. */
    private final dev.htmxws.output.FailedAttempts attempts = new dev.htmxws.output.FailedAttempts();

    private boolean showPingPong;

    /** --show-ping-pong: each ping and pong from the server is shown. */
    public void showPingPong(boolean show) {
        this.showPingPong = show;
    }

    public void onEvent(LiveEvent e) {
        if (e instanceof LiveEvent.Opened o) {
            attempts.opened();
            connOfSocket.put(o.socket(), o.connectionNumber());
            openSockets.add(o.socket());
            out.opened(o.url(), o.connectionNumber(), o.subprotocol());
            if (!everOpened) {
                everOpened = true;
                session.post(this::pump); // after the page has taken the open in (its queue flushed)
            }
        } else if (e instanceof LiveEvent.Failed f) {
            connectionFailure = f.message();
            if (everOpened || session.retriesFirstConnection()) {
                attempts.failed(f.socket(), f.message()); // said with the next delay, when the page retries
            } else {
                out.error(null, f.message()); // the run ends on it
            }
        } else if (e instanceof LiveEvent.GaveUp g) {
            connectionFailure = g.message();
            out.error(null, g.message());
        } else if (e instanceof LiveEvent.Uncertain u) {
            uncertain += u.frames().size();
            for (String f : u.frames()) {
                out.warning("delivery-uncertain",
                    "delivery uncertain: " + ShellOutput.abbreviate(f) + " (the socket closed with " + u.code()
                        + " before the server answered)");
            }
        } else if (e instanceof LiveEvent.Control c) {
            if (showPingPong) {
                out.control(c.ping(), c.bytes());
            }
        } else if (e instanceof LiveEvent.Binary b) {
            log.add(new EventLog.Message("[binary " + b.data().length + " bytes]", List.of(), System.nanoTime()));
            out.binary(connOfSocket.getOrDefault(b.socket(), 0), b.data());
        } else if (e instanceof LiveEvent.Page p) {
            page(p.event());
        }
        recheck();
    }

    private void page(PageEvent e) {
        if (e instanceof PageEvent.Received r) {
            log.add(new EventLog.Message(r.text(), r.swaps(), System.nanoTime()));
            out.received(connOfSocket.getOrDefault(r.socket(), 0), r.text(), r.swaps(), r.warnings());
        } else if (e instanceof PageEvent.Sent s) {
            out.sent(connOfSocket.getOrDefault(s.socket(), 0), s.frame());
        } else if (e instanceof PageEvent.Queued q) {
            out.warning("queued",
                "queued until the socket opens (" + q.queued() + " waiting): " + ShellOutput.abbreviate(q.frame()));
        } else if (e instanceof PageEvent.Lost l) {
            undelivered++;
            out.error(null, "not sent: " + l.why() + ": " + ShellOutput.abbreviate(l.frame()));
        } else if (e instanceof PageEvent.Connecting c) {
            attempts.connecting(c.socket(), c.url());
        } else if (e instanceof PageEvent.Closed c) {
            openSockets.remove(c.socket());
            log.add(new EventLog.Close(c.code(), System.nanoTime()));
            String why = attempts.closed(c.socket());
            if (why != null && c.reconnecting()) {
                out.attemptFailed(attempts.retrying(c.socket(), why, c.delayMs()));
            } else if (why != null) {
                out.error(null, why);
            } else if (connOfSocket.containsKey(c.socket()) && !closing) {
                out.closed(connOfSocket.get(c.socket()), c.code(), c.reason(), c.reconnecting(), c.delayMs());
            }
        } else if (e instanceof PageEvent.Warned w) {
            out.warning(w.warning().code(), w.warning().message());
        } else if (e instanceof PageEvent.StreamOpening o) {
            streamUrls.put(o.stream(), o.url());
        } else if (e instanceof PageEvent.StreamOpened o) {
            streamNumbers.put(o.stream(), streamNumbers.size() + 1);
            openStreams.add(o.stream());
            int n = streamNumbers.get(o.stream());
            out.streamOpened(streamUrls.get(o.stream()), n);
            if (!everOpened) {
                everOpened = true;
                session.post(this::pump);
            }
        } else if (e instanceof PageEvent.EventReceived r) {
            log.add(new EventLog.Message(r.data(), r.swaps(), System.nanoTime()));
            out.event(streamNumbers.getOrDefault(r.stream(), 0), r.type(), r.id(), r.data(), r.swaps(), r.warnings());
        } else if (e instanceof PageEvent.StreamClosed c) {
            openStreams.remove(c.stream());
            if (!streamNumbers.containsKey(c.stream())) {
                connectionFailure = "event stream " + streamUrls.get(c.stream()) + ": " + c.why();
                out.error(null, connectionFailure);
            } else if (!closing) {
                out.streamClosed(streamNumbers.get(c.stream()), c.why(), c.reconnecting(), c.delayMs());
            }
        } else if (e instanceof PageEvent.RequestSent r) {
            requests.put(r.id(), r.request());
            log.add(new EventLog.Request(r.request().method(), r.request().url(), System.nanoTime()));
            out.request(r.request().method(), r.request().url(), r.element());
        } else if (e instanceof PageEvent.Responded r) {
            log.add(new EventLog.Message("", r.swaps(), System.nanoTime()));
            var sent = requests.get(r.id());
            out.response(sent == null ? "" : sent.method(), sent == null ? "" : sent.url(), r.status(), r.swaps(),
                r.warnings(), r.navigation());
        } else if (e instanceof PageEvent.RequestFailed f) {
            var sent = requests.get(f.id());
            out.error(null, (sent == null ? "request" : sent.method() + " " + sent.url()) + ": " + f.why());
        }
    }

    // ---------------------------------------------------------------- lines

    /** A line arrived (from a script, a pipe or the terminal); it runs when every line before it is done. */
    public void offer(String text, String where) {
        ScriptLine line;
        try {
            line = parser.parse(text, where);
        } catch (LineParser.SyntaxError e) {
            usageErrors++;
            out.error(where, e.getMessage());
            return;
        }
        if (line != null) {
            pending.add(line);
            pump();
        }
    }

    /** No more lines will come (end of the script or of standard input). */
    public void endOfInput() {
        inputDone = true;
        pump();
    }

    /** Whether the run is over: quit, or the input ended and every line is done. */
    public boolean finished() {
        return quit || (inputDone && idle() && started());
    }

    /**
     * Whether the page got going: a socket or stream opened, the first connection failed, or the page has nothing
     * that connects by itself (htmx 4's connect on a trigger a line will fire). Lines wait for it, and an empty script
     * does not end before it: a smoke check of a server that is down fails.
     */
    private boolean started() {
        return everOpened || connectionFailure != null || !page.anythingLive();
    }

    /** Whether every line offered so far is done (a caller driving the engine step by step waits for this). */
    public boolean idle() {
        return pending.isEmpty() && blocker == null;
    }

    /** Runs lines until one blocks or none is left. */
    private void pump() {
        // lines wait for the first socket: a user acts on a connected page, and htmx 1 has no send queue
        while (blocker == null && !quit && !pending.isEmpty() && (everOpened || !page.anythingLive())) {
            ScriptLine line = pending.poll();
            executed.add(line.text().strip());
            record(line.text().strip());
            try {
                run(line);
            } catch (IllegalArgumentException | Selector.SelectorParseException e) {
                usageErrors++;
                out.error(line.where(), e.getMessage());
            }
            if (!line.command().equals("expect")) {
                checkedSinceLastAction = false;
            }
            if (blocker == null && !line.command().equals("expect")) {
                cursor = log.size(); // an action opens a new window; expectations after it all look at it
            }
        }
    }

    private void recheck() {
        if (blocker == null) {
            return;
        }
        long now = System.nanoTime();
        Blocker b = blocker;
        if (b.expectation() == null) { // a wait
            if (now >= b.deadlineNanos()) {
                release();
            }
            return;
        }
        Expectation.Status st = b.expectation().check(log, b.from(), dom, b.startNanos(), now);
        if (st == Expectation.Status.PENDING && now >= b.deadlineNanos()) {
            st = b.expectation() instanceof Expectation.NoMessage ? Expectation.Status.MET : Expectation.Status.FAILED;
        }
        if (st != Expectation.Status.PENDING) {
            boolean met = st == Expectation.Status.MET;
            long ms = (now - b.startNanos()) / 1_000_000;
            String detail = met ? null : failureDetail(b.expectation());
            results.add(new Result(b.line().where(), b.expectation().describe(), met, ms, detail));
            checkedSinceLastAction = met;
            out.expectation(b.line().where(), b.expectation().describe(), met, ms, detail);
            release();
        }
    }

    private String failureDetail(Expectation e) {
        StringBuilder b = new StringBuilder("not within " + e.within().toMillis() + " ms");
        if (e instanceof Expectation.Text t) {
            b.append("; the text of ").append(t.selector()).append(" is \"")
                .append(ShellOutput.abbreviate(dom.document().select(t.selector()).text())).append('"');
        } else if (e instanceof Expectation.Count c) {
            b.append("; ").append(c.selector()).append(" matches ").append(dom.document().select(c.selector()).size());
        } else if (e instanceof Expectation.NoMessage) {
            b.setLength(0);
            b.append("a message arrived");
        }
        List<String> last = log.lastMessages(3);
        b.append(last.isEmpty() ? "; no message received" : "; last messages: ");
        for (int i = 0; i < last.size(); i++) {
            b.append(i == 0 ? "" : " | ").append(ShellOutput.abbreviate(last.get(i)));
        }
        return b.toString();
    }

    private void release() {
        Blocker b = blocker;
        blocker = null;
        if (b != null && b.expectation() == null) {
            cursor = log.size(); // a wait is an action: what came before it is behind us
        }
        pump();
    }

    private void block(ScriptLine line, Expectation e, Duration d) {
        long start = System.nanoTime();
        // what an expectation looks at: everything since the last action; no-message only from now on
        int from = e instanceof Expectation.NoMessage ? log.size() : cursor;
        Blocker b = new Blocker(line, e, from, start, start + d.toNanos());
        blocker = b;
        recheck(); // already met by what arrived since the previous command?
        if (blocker == b) {
            arm(b);
        }
    }

    /** Checks again when the deadline is due; the page clock may run a hair early, so it re-arms until done. */
    private void arm(Blocker b) {
        long left = Math.max(1, (b.deadlineNanos() - System.nanoTime()) / 1_000_000 + 1);
        page.clock().schedule(left, () -> {
            if (blocker == b) {
                recheck();
                if (blocker == b) {
                    arm(b);
                }
            }
        });
    }

    // ---------------------------------------------------------------- commands

    private void run(ScriptLine l) {
        List<String> a = l.args();
        switch (l.command()) {
            case "send" -> sendFields(values(a));
            case "raw" -> page.sendRaw(l.rest());
            case "binary" -> {
                Path file = Path.of(need(a, "binary FILE"));
                String bad = UserFiles.whyNotReadable(file);
                if (bad != null) {
                    throw new IllegalArgumentException("binary " + file + ": " + bad);
                }
                byte[] data;
                try {
                    data = Files.readAllBytes(file);
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("binary " + file + ": " + UserFiles.why(e));
                }
                if (!session.sendBinary(data)) {
                    throw new IllegalArgumentException("no socket is open to send a binary frame on");
                }
                out.output("binary", "sent " + data.length + " bytes as a binary frame");
            }
            case "json" -> {
                try {
                    JsonText.parse(l.rest()); // as the server's JSON.parse would read it
                } catch (JsonText.SyntaxError e) {
                    throw new IllegalArgumentException("not JSON (" + e.getMessage() + "): " + l.rest());
                }
                page.sendRaw(l.rest());
            }
            case "submit" -> {
                Element el = one(a, "submit SELECTOR [name=value…]");
                Map<String, Object> v = values(a.subList(1, a.size()));
                if (!v.isEmpty()) {
                    Element form = el.normalName().equals("form") ? el : FormControls.relatedForm(el);
                    page.user().fill(v, form != null ? form : el);
                }
                page.user().submit(el, null);
            }
            case "click" -> page.user().pointerClick(one(a, "click SELECTOR"));
            case "change" -> {
                Element el = one(a, "change SELECTOR VALUE");
                page.user().change(el, a.size() > 1 ? a.get(1) : null);
            }
            case "fill" -> page.user().fill(values(a), null);
            case "type" -> {
                Element el = one(a, "type SELECTOR TEXT");
                if (a.size() < 2) {
                    throw new IllegalArgumentException("write: type SELECTOR TEXT");
                }
                page.user().type(el, String.join(" ", a.subList(1, a.size())));
            }
            case "dom" -> {
                boolean pretty = a.contains("--pretty");
                List<String> css = a.stream().filter(w -> !w.equals("--pretty")).toList();
                out.output("dom", css.isEmpty() ? (pretty ? prettyBody() : dom.canonicalBody())
                    : shown(css.get(0), pretty ? "pretty" : "markup"));
            }
            case "text" -> out.output("text", shown(need(a, "text SELECTOR"), "text"));
            case "forms" -> out.output("forms", forms());
            case "headers" -> out.output("headers", headers());
            case "queue" -> {
                List<String> q = page.queued();
                out.output("queue", q.isEmpty() ? "(nothing queued)" : String.join("\n", q));
            }
            case "ping" -> ping();
            case "close" -> {
                int code = a.isEmpty() ? 1000 : parseInt(a.get(0), "close CODE");
                session.closeAll(code, a.size() > 1 ? String.join(" ", a.subList(1, a.size())) : "");
                session.dropStreams(); // an event stream has no close code: it ends as a dropped connection does
            }
            case "reconnect" -> page.reconnect();
            case "htmx" -> throw new IllegalArgumentException("the dialect is " + page.dialect().number()
                + "; start htmxws connect with --htmx 1|2|4 to speak another");
            case "expect" -> {
                Expectation e = Expectation.parse(a, l.rest(), defaultWithin, durations);
                if (!realPage && (e instanceof Expectation.Text || e instanceof Expectation.Count)) {
                    throw new IllegalArgumentException(
                        "expect text/count look at a page: connect with --page or an http(s) URL");
                }
                block(l, e, e.within());
            }
            case "wait" -> block(l, null, durations.apply(need(a, "wait DURATION")));
            case "record" -> startRecording(Path.of(need(a, "record FILE")));
            case "help" -> out.output("help", help());
            case "quit", "exit" -> quit = true;
            default -> throw new IllegalArgumentException("unknown command '" + l.command() + "': a line is NAME=VALUE"
                + " (fields to send), JSON (sent as is), /raw TEXT, or a command (help lists them)");
        }
    }

    /** The page's only send element gets the values; without a page, the stand-in form does. */
    private void sendFields(Map<String, Object> values) {
        List<Element> sends = PageModel.userSendElements(page.dialect(), dom.document().body());
        if (sends.size() != 1) {
            throw new IllegalArgumentException(
                "the page has " + sends.size() + " send elements: use submit SELECTOR name=value…");
        }
        Element send = sends.get(0);
        if (!realPage) {
            List<org.jsoup.nodes.Node> inputs = new ArrayList<>();
            for (Map.Entry<String, Object> e : values.entrySet()) {
                List<Object> vs = e.getValue() instanceof List<?> l ? new ArrayList<>(l) : List.of(e.getValue());
                for (Object v : vs) {
                    inputs.add(new Element("input").attr("type", "hidden").attr("name", e.getKey()).attr("value",
                        String.valueOf(v)));
                }
            }
            dom.replaceChildren(send, inputs);
        } else if (!values.isEmpty()) {
            Element form = send.normalName().equals("form") ? send : FormControls.relatedForm(send);
            page.user().fill(values, form != null ? form : send);
        }
        page.user().submit(send, null);
    }

    private String headers() {
        List<Element> sends = PageModel.sendElements(page.dialect(), dom.document().body());
        List<Element> forms = PageModel.userSendElements(page.dialect(), dom.document().body());
        if (sends.isEmpty() && !forms.isEmpty()) { // an SSE page's form: the headers of its htmx request
            var built = new dev.htmxws.protocol.requests.Requests(page.dialect()).build(forms.get(0), null, dom.url());
            if (built.request() == null) {
                return "(htmx would send nothing: " + built.warnings() + ")";
            }
            StringBuilder b = new StringBuilder(built.request().method() + " " + built.request().url());
            built.request().headers().forEach((k, v) -> b.append('\n').append(k).append(": ").append(v));
            return b.toString();
        }
        if (sends.isEmpty()) {
            return "(no send element on the page)";
        }
        Element send = sends.get(0);
        Outgoing o = new OutgoingMessageBuilder(page.dialect()).build(send, PageModel.connectFor(page.dialect(), send),
            null,
            dom.url(), "submit");
        if (!o.sent()) {
            return "(htmx would send nothing: " + o.warnings() + ")";
        }
        try {
            Object frame = JsonText.parse(o.frame());
            if (frame instanceof Map<?, ?> m) {
                return JsonText.stringify(m.containsKey("HEADERS") ? m.get("HEADERS") : m.get("headers"), "  ");
            }
            return o.frame();
        } catch (JsonText.SyntaxError e) {
            return o.frame();
        }
    }

    private String forms() {
        StringBuilder b = new StringBuilder();
        for (Element s : PageModel.userSendElements(page.dialect(), dom.document().body())) {
            b.append(describe(s)).append(':');
            Element form = s.normalName().equals("form") ? s : FormControls.relatedForm(s);
            Element scope = form != null ? form : s;
            for (Element f : scope.select("input[name], select[name], textarea[name], button[name]")) {
                b.append(' ').append(f.attr("name")).append('=').append(FormControls.value(f));
            }
            b.append('\n');
        }
        return b.length() == 0 ? "(no send element)" : b.toString().stripTrailing();
    }

    private String canonical(Elements els) {
        StringBuilder b = new StringBuilder();
        for (Element e : els) {
            b.append(dom.canonical(e)).append('\n');
        }
        return b.toString().stripTrailing();
    }

    private Elements select(String css) {
        return dom.document().select(css);
    }

    /** What /dom and /text show of the elements {@code css} matches, or that it matches none (not an error: a look). */
    private String shown(String css, String how) {
        Elements found = select(css);
        if (found.isEmpty()) {
            return "(nothing on the page matches '" + css + "')";
        }
        return switch (how) {
            case "text" -> found.text();
            case "pretty" -> String.join("\n", found.stream().map(VirtualDom::pretty).toList());
            default -> canonical(found);
        };
    }

    /** /dom --pretty: the body's elements, indented. */
    private String prettyBody() {
        return String.join("\n", dom.document().body().children().stream().map(VirtualDom::pretty).toList());
    }

    /** /ping: a ping on each open socket, and its pong with the round trip (or that none came within 5 s). */
    private void ping() {
        List<Integer> open = session.openSockets();
        if (open.isEmpty()) {
            throw new IllegalArgumentException("no socket is open to ping");
        }
        for (int socket : open) {
            long start = System.nanoTime();
            session.afterServerCaughtUp(socket, PING_WAIT_MS, answered -> out.output("ping", answered
                ? String.format(java.util.Locale.ROOT, "pong in %.1f ms", (System.nanoTime() - start) / 1e6)
                : "no pong within " + PING_WAIT_MS + " ms"));
        }
    }

    private static final long PING_WAIT_MS = 5000;

    private Element one(List<String> a, String usage) {
        Element el = select(need(a, usage)).first();
        if (el == null) {
            throw new IllegalArgumentException("'" + a.get(0) + "' matches nothing on the page");
        }
        return el;
    }

    private static String need(List<String> a, String usage) {
        if (a.isEmpty()) {
            throw new IllegalArgumentException("write: " + usage);
        }
        return a.get(0);
    }

    private static int parseInt(String s, String usage) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("write: " + usage + " ('" + s + "' is not a number)");
        }
    }

    /** name=value words; a repeated name collects its values, as repeated form fields do. */
    static Map<String, Object> values(List<String> words) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + w + "' is not name=value");
            }
            String name = w.substring(0, eq);
            String value = w.substring(eq + 1);
            Object prev = v.get(name);
            if (prev == null) {
                v.put(name, value);
            } else {
                List<Object> list = prev instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(List.of(prev));
                list.add(value);
                v.put(name, list);
            }
        }
        return v;
    }

    private static String describe(Element e) {
        return "<" + e.normalName() + (e.id().isEmpty() ? "" : "#" + e.id()) + ">";
    }

    // ---------------------------------------------------------------- recording and results

    private void startRecording(Path file) {
        String bad = UserFiles.whyNotWritable(file);
        if (bad != null) {
            throw new IllegalArgumentException("cannot record to " + file + ": " + bad);
        }
        try {
            Files.write(file, (String.join("\n", executed.subList(0, executed.size() - 1))
                + (executed.size() > 1 ? "\n" : "")).getBytes(StandardCharsets.UTF_8));
            recordTo = file;
            out.output("record", "recording to " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot record to " + file + ": " + UserFiles.why(e));
        }
    }

    private void record(String line) {
        if (recordTo == null || line.startsWith("/record") || line.startsWith("record ")) {
            return;
        }
        try {
            Files.writeString(recordTo, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            out.error(null, "cannot append to " + recordTo + ": " + UserFiles.why(e));
            recordTo = null;
        }
    }

    private static String help() {
        return String.join("\n",
            "name=value …            send these fields (as send)",
            "/send name=value …      fill the page's send element (or a stand-in form) and send it",
            "/submit SEL [n=v …]     fill SEL's form and submit it; /click SEL; /change SEL VALUE",
            "/fill n=v …             fill fields by name; /type SEL TEXT  type into a field key by key",
            "/raw TEXT, /json {…}    send text as is; /binary FILE  a file as one binary frame",
            "/dom [--pretty] [SEL]   show the page (or a part), indented with --pretty; /text SEL  its text",
            "/forms; /headers        the send elements; what the next send carries",
            "/queue, /ping, /close [code [reason]], /reconnect",
            "/expect swap #id [style] | text SEL contains \"…\" | count SEL N | message /re/ | no-message for D"
                + " | closed [code]   [within D]",
            "/wait D                 let time pass (e.g. 500ms); /record FILE  write this session as a script",
            "/help, /quit");
    }

    /** htmxws is closing the session itself: its own close is not reported. */
    public void closing() {
        closing = true;
    }

    public List<Result> results() {
        return List.copyOf(results);
    }

    public boolean everOpened() {
        return everOpened;
    }

    public String connectionFailure() {
        return connectionFailure;
    }

    public int usageErrors() {
        return usageErrors;
    }

    /**
     * Whether the run cannot claim that the server got everything: a frame was not sent or is still queued at
     * the end, or a frame's delivery is uncertain (its socket closed before the server proved it read it) and
     * the script did not end by checking, with a met expectation, what the server did (each is named as it
     * happens).
     */
    public boolean deliveryUnproven() {
        return undelivered > 0 || uncertain > 0 && !checkedSinceLastAction;
    }

    /** The session is over: names each frame still queued (the socket never came back) and counts it. */
    public void reportStillQueued() {
        for (String f : page.queued()) {
            undelivered++;
            out.error(null, "not sent (still queued at exit): " + ShellOutput.abbreviate(f));
        }
    }

    public boolean quit() {
        return quit;
    }

    /** What the shell knows for completion: commands, field names, element ids, send elements. */
    public Completions completions() {
        List<String> fields = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Element e : dom.document().select("input[name], select[name], textarea[name]")) {
            if (!fields.contains(e.attr("name"))) {
                fields.add(e.attr("name"));
            }
        }
        for (Element e : dom.document().select("[id]")) {
            ids.add("#" + e.id());
        }
        List<String> sends = new ArrayList<>();
        for (Element s : PageModel.userSendElements(page.dialect(), dom.document().body())) {
            sends.add(s.id().isEmpty() ? s.normalName() : "#" + s.id());
        }
        return new Completions(COMMANDS, fields, ids, sends);
    }

    /** Candidates for tab completion. */
    public record Completions(List<String> commands, List<String> fields, List<String> ids, List<String> sendElements) {
    }

    /** A short state for a prompt: the dialect, and … while no socket is open (connecting, reconnecting, failed). */
    public String state() {
        return "htmx" + page.dialect().number() + (openSockets.isEmpty() && openStreams.isEmpty() ? "…" : "");
    }
}
