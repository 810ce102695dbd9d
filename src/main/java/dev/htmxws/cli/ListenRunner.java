package dev.htmxws.cli;

import dev.htmxws.client.LiveEvent;
import dev.htmxws.client.LiveSession;
import dev.htmxws.files.UserFiles;
import dev.htmxws.protocol.PageEvent;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jsoup.select.Elements;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/** What {@code htmxws listen} does, kept apart from its picocli surface so that --help and --version load none of it. */
final class ListenRunner {

    private final ListenCommand c;

    ListenRunner(ListenCommand c) {
        this.c = c;
    }

    int run() throws Exception {
        PrintWriter out = c.spec.commandLine().getOut();
        PrintWriter err = c.spec.commandLine().getErr();
        if (c.count < 0) {
            throw new UsageException("--count '" + c.count + "': give 0 or more");
        }
        boolean pageGiven = c.conn.page != null || c.conn.url != null && Target.isHttp(c.conn.url) && !c.sse;
        if ((c.select != null || c.domOut != null) && !pageGiven) { // said before anything connects
            throw new UsageException("--select and --dom-out need a page (an http(s) URL or --page)");
        }
        if (c.select != null) {
            try {
                QueryParser.parse(c.select);
            } catch (Selector.SelectorParseException e) {
                throw new UsageException("--select '" + c.select + "' is not a CSS selector");
            }
        }
        String bad = c.domOut == null ? null : UserFiles.whyNotWritable(c.domOut);
        if (bad != null) {
            throw new UsageException("--dom-out " + c.domOut + ": " + bad);
        }
        Target.Resolved t = target();
        if ((c.select != null || c.domOut != null) && !t.page().real()) { // an http(s) URL that is an event stream
            throw new UsageException("--select and --dom-out need a page (an http(s) URL or --page)");
        }
        MessagePrinter printer = new MessagePrinter(MessagePrinter.defaultFormat(c.format), out, err,
            c.spec.qualifiedName());
        AtomicBoolean finished = new AtomicBoolean();
        LiveSession.Messages messages = t.page().real() ? LiveSession.Messages.APPLY
            : printer.format() == MessagePrinter.Format.raw ? LiveSession.Messages.TEXT : LiveSession.Messages.PLAN;
        LiveSession[] self = new LiveSession[1];
        LiveSession session = new LiveSession(t.dialect(), t.page().dom(), t.ws(), c.conn.retries(), messages, e -> {
            printer.accept(e);
            if (e instanceof LiveEvent.Page p) {
                if ((p.event() instanceof PageEvent.Received || p.event() instanceof PageEvent.EventReceived)
                    && c.select != null) {
                    Elements sel = t.page().dom().document().select(c.select);
                    printer.selection(c.select, sel.text());
                } else if ((p.event() instanceof PageEvent.Closed || p.event() instanceof PageEvent.StreamClosed)
                    && !self[0].page().anythingLive()) {
                    finished.set(true); // every socket and stream closed for good: nothing more will come
                }
            }
        });
        self[0] = session;
        printer.retriesFirstConnection = session.retriesFirstConnection();
        printer.showPingPong = c.conn.showPingPong;
        session.cookies(t.cookies());
        session.page().pauseWhen(() -> c.count > 0 && printer.received >= c.count); // a burst in one chunk too
        session.onIdle(printer::flush);
        Thread hook = new Thread(() -> session.closeFromAnyThread(1000));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            session.start();
            session.runUntil(() -> finished.get() || session.gaveUp() || (c.count > 0 && printer.received >= c.count)
                || (printer.failure != null && !printer.everOpened && !session.retriesFirstConnection()),
                c.timeout == null ? -1 : c.timeout.toMillis());
            if (c.domOut != null) {
                Files.writeString(c.domOut, t.page().dom().document().outerHtml(), StandardCharsets.UTF_8);
            }
            if (printer.failure != null && !printer.everOpened || session.gaveUp()) {
                return ExitCode.IO;
            }
            if (!printer.everOpened && c.timeout != null) { // --timeout ran out before --connect-timeout did
                String waiting = session.waitingFor("within " + c.timeout.toMillis() + " ms (--timeout)");
                printer.error(waiting != null ? waiting
                    : "no connection within " + c.timeout.toMillis() + " ms (--timeout)");
                return ExitCode.IO;
            }
            return countReached(c, printer.received, err);
        } finally {
            session.close();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    private Target.Resolved target() throws java.io.IOException {
        if (c.sse) {
            return Target.stream(c.conn);
        }
        try {
            return Target.resolve(c.conn, d -> "", null);
        } catch (dev.htmxws.client.PageSource.EventStream e) {
            return Target.stream(c.conn); // an http(s) URL that answers with an event stream
        }
    }

    /** The exit code for a listen that ended with {@code got} messages: 1, saying so, when --count was not reached. */
    static int countReached(ListenCommand c, long got, PrintWriter err) {
        if (c.count > 0 && got < c.count) {
            err.println(c.spec.qualifiedName() + ": error: expected " + c.count + " message" + (c.count == 1 ? "" : "s")
                + (c.timeout != null
                    ? " within " + c.timeout.toMillis() + " ms" : "")
                + " (--count); got " + got);
            return ExitCode.FAILED;
        }
        return ExitCode.OK;
    }
}
