package dev.htmxws.cli;

import dev.htmxws.client.LiveEvent;
import dev.htmxws.client.LiveSession;
import dev.htmxws.protocol.Dialect;
import dev.htmxws.protocol.HtmxPage;
import dev.htmxws.protocol.PageEvent;
import dev.htmxws.protocol.PageModel;
import dev.htmxws.protocol.js.JsonText;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jsoup.nodes.Element;
import org.jsoup.select.Selector;

/** What {@code htmxws send} does, kept apart from its picocli surface so that --help and --version load none of it. */
final class SendRunner {

    private final SendCommand c;

    SendRunner(SendCommand c) {
        this.c = c;
    }

    /** Where a stdin line goes: the page, or a holding list until the socket first opens. */
    private java.util.function.Consumer<String> stdinGate;

    int run() throws Exception {
        PrintWriter out = c.spec.commandLine().getOut();
        PrintWriter err = c.spec.commandLine().getErr();
        validate();
        if (c.dryRun && c.conn.url == null && c.conn.page == null) { // the frame needs no server: only its URL
            c.conn.url = "ws://localhost/";
            c.currentUrl = c.currentUrl != null ? c.currentUrl : "http://localhost/";
        }
        Target.Resolved t = Target.resolve(c.conn, this::standInForm, c.currentUrl);
        checkSendElement(t); // a page that cannot do what was asked says so before anything connects
        if (c.dryRun) {
            return dryRun(t, out);
        }
        MessagePrinter printer = new MessagePrinter(MessagePrinter.defaultFormat(c.format), out, err,
            c.spec.qualifiedName());
        AtomicBoolean acting = new AtomicBoolean(false);
        AtomicBoolean actionsDone = new AtomicBoolean(false);
        AtomicLong lastMessage = new AtomicLong(System.nanoTime());
        AtomicBoolean matched = new AtomicBoolean(c.until == null);
        AtomicBoolean ended = new AtomicBoolean();
        List<String> early = new ArrayList<>();
        LiveSession[] self = new LiveSession[1];
        LiveSession session = new LiveSession(t.dialect(), t.page().dom(), t.ws(), c.conn.retries(), t.page().real(),
            e -> {
                printer.accept(e);
                boolean opened = e instanceof LiveEvent.Opened
                    || e instanceof LiveEvent.Page p && p.event() instanceof PageEvent.StreamOpened;
                if (opened && acting.compareAndSet(false, true)) {
                    // act on a connected page, as a user does (htmx 1 has no queue), once the server has done what it
                    // does on connect: what came by then (a greeting) is no reply to what is sent
                    Runnable actNow = () -> {
                        before = printer.received;
                        act(t, self[0].page(), self[0]::sendBinary);
                        early.forEach(self[0].page()::sendRaw);
                        early.clear();
                        held.set(0);
                        actionsDone.set(true);
                    };
                    if (e instanceof LiveEvent.Opened o) {
                        self[0].afterServerCaughtUp(o.socket(), CATCH_UP_MS, actNow);
                    } else {
                        self[0].post(actNow);
                    }
                }
                if (e instanceof LiveEvent.Page p && (p.event() instanceof PageEvent.Closed
                    || p.event() instanceof PageEvent.StreamClosed) && !self[0].page().anythingLive()) {
                    ended.set(true); // closed for good, and the page does not reconnect: nothing more will happen
                }
                if (e instanceof LiveEvent.Page p && (p.event() instanceof PageEvent.Received
                    || p.event() instanceof PageEvent.EventReceived || p.event() instanceof PageEvent.Responded)) {
                    lastMessage.set(System.nanoTime());
                    String text = p.event() instanceof PageEvent.Received r ? r.text()
                        : p.event() instanceof PageEvent.EventReceived r ? r.data() : "";
                    if (c.until != null && !matched.get()) {
                        matched.set(matches(t, text));
                    }
                }
            });
        self[0] = session;
        printer.retriesFirstConnection = session.retriesFirstConnection();
        printer.showPingPong = c.conn.showPingPong;
        stdinGate = line -> {
            if (actionsDone.get()) {
                session.page().sendRaw(line);
            } else {
                early.add(line);
                held.incrementAndGet();
            }
        };
        session.cookies(t.cookies());
        session.onIdle(printer::flush);
        Thread hook = new Thread(() -> session.closeFromAnyThread(1000));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(session, printer, matched, lastMessage, actionsDone, ended, err);
        } finally {
            session.close();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    private int run(LiveSession session, MessagePrinter printer, AtomicBoolean matched, AtomicLong lastMessage,
        AtomicBoolean actionsDone, AtomicBoolean ended, PrintWriter err) throws InterruptedException {
        AtomicBoolean inputDone = new AtomicBoolean(!c.stdin);
        String unread = null;
        session.start();
        if (c.stdin) {
            readStdin(session, inputDone);
        }
        long quietNanos = c.quietFor == null ? 0 : c.quietFor.toNanos();
        AtomicBoolean stalled = new AtomicBoolean();
        if (c.stdin) { // the input may stream for as long as it likes: --timeout counts from its end
            session.runUntil(() -> {
                if (inputDone.get() || ended.get() && actionsDone.get() || neverOpens(session, printer)) {
                    return true;
                }
                if (linesInFlight.get() + held.get() + session.backlog() >= c.maxQueue
                    && System.nanoTime() - lastRoom.get() >= c.timeout.toNanos()) {
                    stalled.set(true); // full, and nothing has moved on for --timeout: the server stopped reading
                    return true;
                }
                return false;
            }, -1);
            if (ended.get() && !inputDone.get()) { // closed for good while input still came: take what was read
                synchronized (posting) {
                    stopReading = true;
                }
                session.runUntil(() -> linesInFlight.get() == 0, -1);
                if (!eof) {
                    unread = "not sent: standard input after line " + linesPosted
                        + " (not read: the connection closed for good)";
                }
                inputDone.set(true);
            }
        }
        BooleanSupplier sentAndAnswered = () -> actionsDone.get() && inputDone.get()
            && session.page().queued().isEmpty() && replies(printer) >= c.expect && matched.get();
        boolean done = stalled.get() || session.runUntil(() -> {
            if (neverOpens(session, printer) || ended.get() && actionsDone.get()) {
                return true; // (the send acts on the loop after the open: a close right after still sees it tried)
            }
            boolean quiet = quietNanos == 0 || System.nanoTime() - lastMessage.get() >= quietNanos;
            return sentAndAnswered.getAsBoolean() && quiet;
        }, c.timeout.toMillis());
        boolean closedForGood = ended.get() && actionsDone.get() && !stalled.get();
        if (closedForGood) {
            done = sentAndAnswered.getAsBoolean(); // no use waiting out --timeout or --quiet-for
        }
        stopReading = true;
        if (stalled.get()) {
            printer.error(session.backlog() + " messages waiting and none written for " + c.timeout.toMillis()
                + " ms (--max-queue " + c.maxQueue
                + "): the server stopped reading; the rest of standard input was not read");
            return closeAfterStall(session, printer);
        }
        List<String> unsent = session.page().queued();
        for (String f : unsent) {
            printer.stillQueued(f);
        }
        if (unread != null) {
            printer.diag(unread);
        }
        if (!printer.everOpened && printer.failure != null) {
            return ExitCode.IO;
        }
        if (!printer.everOpened) { // --timeout ran out before --connect-timeout did: still a connection never made
            String waiting = session.waitingFor("within " + c.timeout.toMillis() + " ms (--timeout)");
            printer
                .error(waiting != null ? waiting : "no connection within " + c.timeout.toMillis() + " ms (--timeout)");
            return ExitCode.IO;
        }
        if (!session.gaveUp()) {
            printer.ownClose = true;
            session.closeAndWait(); // confirms that the server read what was written, or names what it may not have
        }
        if (!unsent.isEmpty() || unread != null || printer.lost > 0 || printer.uncertain > 0) {
            return ExitCode.IO;
        }
        if (!done) {
            StringBuilder why = new StringBuilder("expected ");
            if (c.expect > 0) {
                why.append(c.expect).append(c.expect == 1 ? " reply" : " replies");
            }
            if (c.until != null) {
                why.append(c.expect > 0 ? " and " : "").append("'").append(c.until).append("'");
            }
            if (c.expect == 0 && c.until == null) {
                why.append(
                    c.quietFor != null ? "quiet for " + c.quietFor.toMillis() + " ms" : "the message to be sent");
            }
            printer.error(why
                + (closedForGood ? " before the connection closed for good" : " within " + c.timeout.toMillis() + " ms")
                + "; got " + replies(printer) + (replies(printer) == 1 ? " reply" : " replies")
                + (before > 0 ? " (and " + before + " message" + (before == 1 ? "" : "s") + " before sending)" : "")
                + (printer.recent().isEmpty() ? "" : ", the last:"));
            for (String r : printer.recent()) {
                err.println("  " + MessagePrinter.abbreviate(r));
            }
            return session.gaveUp() ? ExitCode.IO : ExitCode.FAILED;
        }
        return session.gaveUp() && (replies(printer) < c.expect || !matched.get()) ? ExitCode.IO : ExitCode.OK;
    }

    /** Lines read from standard input before the send is made (they wait for it): counted against --max-queue. */
    private final AtomicInteger held = new AtomicInteger();

    /** The longest the send waits for the server to answer the ping that follows the open (a deaf server). */
    private static final long CATCH_UP_MS = 1000;

    /** Messages received before the send was made (a greeting); -1 until it is made. Written on the loop. */
    private volatile int before = -1;

    /** Messages received since the send was made: what --expect counts. */
    private int replies(MessagePrinter printer) {
        return before < 0 ? 0 : printer.received - before;
    }

    /** The socket will not (re)open: given up, or a first connection failed and is not retried. */
    private static boolean neverOpens(LiveSession session, MessagePrinter printer) {
        return session.gaveUp() || printer.failure != null && !printer.everOpened && !session.retriesFirstConnection();
    }

    /** Ends a stalled run: every frame still here is named, as not sent or as delivery uncertain. */
    private int closeAfterStall(LiveSession session, MessagePrinter printer) throws InterruptedException {
        for (String f : session.page().queued()) {
            printer.stillQueued(f);
        }
        printer.ownClose = true;
        session.closeAndWait(); // the server is not reading: the close goes unanswered and the rest is uncertain
        return ExitCode.IO;
    }

    /** Performs the send on a page: submit (or click) as a user would, then the raw and JSON frames. */
    private void act(Target.Resolved t, HtmxPage p, java.util.function.Predicate<byte[]> binarySender) {
        if (usesSendElement()) {
            Element send = sendElement(t);
            Map<String, Object> values = values();
            Element scope = send.normalName().equals("form") ? send : send.closest("form");
            if (t.page().real() && !values.isEmpty()) {
                p.user().fill(values, scope != null ? scope : send);
            }
            if (c.click != null) {
                p.user().pointerClick(send);
            } else {
                p.user().submit(send, null);
            }
        }
        for (Object frame : frames()) {
            if (frame instanceof byte[] b) {
                binarySender.test(b);
            } else {
                p.sendRaw((String) frame);
            }
        }
    }

    /**
     * Whether the send submits or clicks an element of the page: asked to, or given nothing else to send (a page's
     * only send element is then submitted as it is).
     */
    private boolean usesSendElement() {
        return !c.form.isEmpty() || c.click != null || c.formSelector != null
            || c.raw.isEmpty() && c.json.isEmpty() && c.binary.isEmpty() && !c.stdin;
    }

    private void checkSendElement(Target.Resolved t) {
        if (usesSendElement()) {
            sendElement(t);
        }
    }

    /** The --binary files' contents, read before anything connects (a file that changes later is not sent). */
    private final List<byte[]> binaries = new ArrayList<>();

    /**
     * The --raw and --json texts and the --binary contents in the order they were given on the command line (picocli
     * keeps one list per option): {@code --raw a --json b --raw c} sends a, b, c.
     */
    private List<Object> frames() {
        List<Object> ordered = new ArrayList<>();
        List<String> args = c.spec.commandLine().getParseResult() == null ? List.of()
            : c.spec.commandLine().getParseResult().originalArgs();
        int raw = 0;
        int json = 0;
        int bin = 0;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                break;
            }
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            boolean inline = a.contains("=");
            if (!(name.equals("--raw") || name.equals("--json") || name.equals("--binary"))
                || !inline && i + 1 >= args.size()) {
                continue;
            }
            if (!inline) {
                i++;
            }
            switch (name) {
                case "--raw" -> ordered.add(raw < c.raw.size() ? c.raw.get(raw++) : null);
                case "--json" -> ordered.add(json < c.json.size() ? c.json.get(json++) : null);
                default -> ordered.add(bin < binaries.size() ? binaries.get(bin++) : null);
            }
        }
        if (ordered.contains(null) || ordered.size() != c.raw.size() + c.json.size() + binaries.size()) {
            ordered = new ArrayList<>(c.raw); // (values from elsewhere than the command line)
            ordered.addAll(c.json);
            ordered.addAll(binaries);
        }
        return ordered;
    }

    private Element sendElement(Target.Resolved t) {
        var doc = t.page().dom().document();
        for (String[] css : new String[][] {{"--click", c.click}, {"--form-selector", c.formSelector}}) {
            if (css[1] != null) {
                try {
                    org.jsoup.select.QueryParser.parse(css[1]);
                } catch (Selector.SelectorParseException e) {
                    throw new UsageException(css[0] + " '" + css[1] + "' is not a CSS selector");
                }
            }
        }
        if (c.click != null) {
            Element clicked = doc.selectFirst(c.click);
            if (clicked == null) {
                throw new UsageException("--click '" + c.click + "' matches nothing on the page");
            }
            return clicked;
        }
        if (c.formSelector != null) {
            Element f = doc.selectFirst(c.formSelector);
            if (f == null) {
                throw new UsageException("--form-selector '" + c.formSelector + "' matches nothing on the page");
            }
            return f;
        }
        List<Element> sends = PageModel.userSendElements(t.dialect(), doc.body());
        if (sends.isEmpty()) {
            throw new UsageException("the page has no send element (a ws-send form, or on a page whose updates come by"
                + " SSE a form with hx-post); send text with --raw or --json, or name one with --click CSS");
        }
        if (sends.size() > 1) {
            throw new UsageException(
                "the page has " + sends.size() + " send elements; pick one with --form-selector CSS");
        }
        return sends.get(0);
    }

    /** The stand-in send form for a bare URL: --form values as fields, --trigger etc. as attributes. */
    private String standInForm(Dialect d) {
        StringBuilder b = new StringBuilder("<form");
        if (c.trigger != null) {
            b.append(" id=\"").append(esc(c.trigger)).append('"');
        }
        if (c.triggerName != null) {
            b.append(" name=\"").append(esc(c.triggerName)).append('"');
        }
        b.append(switch (d) {
            case HTMX1 -> " hx-ws=\"send\"";
            case HTMX2 -> " ws-send";
            case HTMX4 -> " hx-ws:send";
        });
        if (c.target != null) {
            b.append(" hx-target=\"#").append(esc(c.target)).append('"');
        }
        if (!c.hxHeaders.isEmpty()) {
            Map<String, String> h = new LinkedHashMap<>();
            for (String kv : c.hxHeaders) {
                String[] p = split(kv, "--hx-header");
                h.put(p[0], p[1]);
            }
            b.append(" hx-headers=\"").append(esc(JsonText.stringify(h))).append('"');
        }
        b.append('>');
        for (String kv : c.form) {
            String[] p = split(kv, "--form");
            b.append("<input type=\"hidden\" name=\"").append(esc(p[0])).append("\" value=\"").append(esc(p[1]))
                .append("\">");
        }
        b.append("</form>");
        if (c.target != null) {
            b.append("<div id=\"").append(esc(c.target)).append("\"></div>");
        }
        return b.toString();
    }

    private Map<String, Object> values() {
        Map<String, Object> v = new LinkedHashMap<>();
        for (String kv : c.form) {
            String[] p = split(kv, "--form");
            Object prev = v.get(p[0]);
            if (prev == null) {
                v.put(p[0], p[1]);
            } else {
                List<String> list = new ArrayList<>();
                if (prev instanceof List<?> l) {
                    l.forEach(x -> list.add(String.valueOf(x)));
                } else {
                    list.add(String.valueOf(prev));
                }
                list.add(p[1]);
                v.put(p[0], list);
            }
        }
        return v;
    }

    private int dryRun(Target.Resolved t, PrintWriter out) {
        List<String> frames = new ArrayList<>();
        HtmxPage p = new HtmxPage(t.dialect(), t.page().dom(), new HtmxPage.Transport() {
            @Override
            public void open(int socket, String u, List<String> protocols) {
                // a dry run connects to nothing
            }

            @Override
            public boolean send(int socket, String frame) {
                frames.add(frame);
                return true;
            }

            @Override
            public void close(int socket, int code) {
                // nothing is open
            }

            @Override
            public void openStream(int stream, dev.htmxws.protocol.requests.HttpRequest request) {
                // a dry run connects to nothing
            }

            @Override
            public void closeStream(int stream) {
                // nothing is open
            }

            @Override
            public void request(int id, dev.htmxws.protocol.requests.HttpRequest request) {
                frames.add(
                    request.method() + " " + request.url() + (request.body() == null ? "" : "\n" + request.body()));
            }
        }, e -> {
            if (e instanceof PageEvent.Queued q) {
                frames.add(q.frame());
            } else if (e instanceof PageEvent.Lost l) {
                frames.add(l.frame());
            } else if (e instanceof PageEvent.Warned w && !w.warning().code().equals("navigation")) {
                c.spec.commandLine().getErr().println("warning: " + w.warning().message());
            }
        }, () -> 0.5);
        p.load();
        act(t, p, b -> frames.add("[binary " + b.length + " bytes]"));
        frames.forEach(out::println);
        out.flush();
        return frames.isEmpty() ? ExitCode.FAILED : ExitCode.OK;
    }

    /** Lines read from standard input and posted to the loop, not yet handed to the page. */
    private final AtomicInteger linesInFlight = new AtomicInteger();
    /** When the stdin reader last found room (nanoTime), to tell a slow server from one that stopped reading. */
    private final AtomicLong lastRoom = new AtomicLong(System.nanoTime());
    private volatile boolean stopReading;
    /** Held while a line read from standard input is handed to the loop. */
    private final Object posting = new Object();
    /** Lines of standard input handed to the loop. */
    private long linesPosted;
    private volatile boolean eof;

    /**
     * Reads standard input one line at a time, never holding more than --max-queue messages that the socket
     * has not written: a server that reads slowly slows the reader (and whatever writes into the pipe) down.
     */
    private void readStdin(LiveSession session, AtomicBoolean inputDone) {
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line = null;
                while (!stopReading && (line = r.readLine()) != null) {
                    while (linesInFlight.get() + held.get() + session.backlog() >= c.maxQueue && !stopReading) {
                        Thread.sleep(2); // bounded: the main loop ends the run when nothing moves for --timeout
                    }
                    String frame = line;
                    synchronized (posting) { // a line read once the run ends is not half handed over
                        if (stopReading) {
                            break;
                        }
                        lastRoom.set(System.nanoTime());
                        linesInFlight.incrementAndGet();
                        linesPosted++;
                        session.post(() -> {
                            linesInFlight.decrementAndGet();
                            stdinGate.accept(frame);
                        });
                    }
                }
                eof = line == null;
            } catch (java.io.IOException e) {
                session.post(
                    () -> c.spec.commandLine().getErr()
                        .println(c.spec.qualifiedName() + ": error: reading standard input: "
                            + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                session.post(() -> inputDone.set(true));
            }
        }, "htmxws-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    private boolean matches(Target.Resolved t, String text) {
        if (text != null && text.contains(c.until)) {
            return true;
        }
        if (!t.page().real()) {
            return false;
        }
        try {
            return !t.page().dom().document().select(c.until).isEmpty();
        } catch (Selector.SelectorParseException e) {
            return false;
        }
    }

    private void validate() {
        if (c.expect < 0) {
            throw new UsageException("--expect '" + c.expect + "': give 0 or more");
        }
        if (c.maxQueue < 1) {
            throw new UsageException("--max-queue '" + c.maxQueue + "': give 1 or more");
        }
        for (String j : c.json) {
            try {
                JsonText.parse(j); // as the server's JSON.parse would read it: one value, nothing after it
            } catch (JsonText.SyntaxError e) {
                throw new UsageException("--json '" + MessagePrinter.abbreviate(j) + "' is not JSON ("
                    + e.getMessage() + "); quote it for the shell, e.g. --json '{\"a\":1}'");
            }
        }
        boolean page = c.conn.page != null || c.conn.url != null && Target.isHttp(c.conn.url);
        if (!page && c.form.isEmpty() && c.raw.isEmpty() && c.json.isEmpty() && c.binary.isEmpty() && !c.stdin) {
            throw new UsageException("nothing to send: give --form NAME=VALUE, --raw TEXT, --json JSON, --binary FILE"
                + " or --stdin");
        }
        for (String f : c.binary) {
            if (f.equals("-") && c.stdin) {
                throw new UsageException("--binary - and --stdin both read standard input: give --binary a file");
            }
            String bad = f.equals("-") ? null : dev.htmxws.files.UserFiles.whyNotReadable(java.nio.file.Path.of(f));
            if (bad != null) {
                throw new UsageException("--binary " + f + ": " + bad);
            }
            try {
                binaries.add(f.equals("-") ? System.in.readAllBytes() : java.nio.file.Files.readAllBytes(
                    java.nio.file.Path.of(f)));
            } catch (java.io.IOException e) {
                throw new UsageException("--binary " + f + ": " + dev.htmxws.files.UserFiles.why(e));
            }
        }
        if (c.conn.page != null
            && (c.trigger != null || c.triggerName != null || c.target != null || !c.hxHeaders.isEmpty())) {
            throw new UsageException("--trigger, --trigger-name, --target and --hx-header describe a send element"
                + " when there is no page; with --page, the page's own element is used");
        }
    }

    private static String[] split(String kv, String option) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
            throw new UsageException(option + " '" + kv + "': write NAME=VALUE");
        }
        return new String[] {kv.substring(0, eq), kv.substring(eq + 1)};
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
