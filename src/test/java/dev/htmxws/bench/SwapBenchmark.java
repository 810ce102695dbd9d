package dev.htmxws.bench;

import dev.htmxws.dom.VirtualDom;
import dev.htmxws.protocol.Dialect;
import dev.htmxws.protocol.incoming.IncomingMessages;
import dev.htmxws.protocol.incoming.SwapPlan;
import java.util.concurrent.TimeUnit;
import org.jsoup.nodes.Element;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Incoming htmx 2 messages of about 200 bytes applied to the virtual DOM: appended into one growing list
 * ({@code beforeend}) and replacing one element by id ({@code outerHTML}). {@code stream*} applies 20,000
 * messages per invocation (messages/s = ops/s); {@code appendAt} and {@code replaceAt} measure messages
 * applied to a page whose list already holds {@code size} items, so the per-message cost can be compared at
 * 2,000 and 200,000. (Nothing is removed from the big list: jsoup removes a child by a linear search.)
 */
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class SwapBenchmark {

    static final int MESSAGES = 20_000;
    static final String PAGE = "<!DOCTYPE html><html><head><title>bench</title></head><body>"
        + "<div id='c' hx-ext='ws' ws-connect='/ws'><ul id='list'></ul><div id='status'>idle</div></div></body></html>";
    /** About 200 bytes, like a chat line pushed by a server. */
    static final String APPEND = "<ul id=\"list\" hx-swap-oob=\"beforeend\"><li class=\"msg\"><b>Alice</b>: "
        + "hello there, this is message number %d of the benchmark stream</li></ul>";
    static final String REPLACE = "<div id=\"status\" class=\"status ok\" data-n=\"%d\"><span>connected</span>"
        + " <em>%d users online</em> — last update from the server, about two hundred bytes</div>";

    @State(Scope.Thread)
    public static class Stream {
        VirtualDom dom;
        Element connect;
        IncomingMessages incoming = new IncomingMessages(Dialect.HTMX2);

        @Setup(Level.Invocation)
        public void fresh() {
            dom = VirtualDom.parse(PAGE, "http://127.0.0.1/page.html");
            connect = dom.document().getElementById("c");
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(MESSAGES)
    public int streamAppendBeforeend(Stream s) {
        for (int i = 0; i < MESSAGES; i++) {
            SwapPlan plan = s.incoming.plan(String.format(APPEND, i));
            s.incoming.apply(plan, s.dom, s.connect);
        }
        return s.dom.document().getElementById("list").childrenSize();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(MESSAGES)
    public int streamReplaceById(Stream s) {
        for (int i = 0; i < MESSAGES; i++) {
            SwapPlan plan = s.incoming.plan(String.format(REPLACE, i, i));
            s.incoming.apply(plan, s.dom, s.connect);
        }
        return s.dom.byId("status").size();
    }

    /** A page whose list already holds {@code size} items, rebuilt for each measured batch. */
    @State(Scope.Thread)
    public static class Sized {
        @Param({"2000", "200000"})
        int size;
        VirtualDom dom;
        Element connect;
        IncomingMessages incoming = new IncomingMessages(Dialect.HTMX2);

        /** The same JIT warm-up for both sizes, so that only the page size differs between them. */
        @Setup(Level.Trial)
        public void warmUp() {
            VirtualDom scratch = VirtualDom.parse(PAGE, "http://127.0.0.1/page.html");
            Element c = scratch.document().getElementById("c");
            for (int i = 0; i < 100_000; i++) {
                incoming.apply(incoming.plan(String.format(i % 2 == 0 ? APPEND : REPLACE, i, i)), scratch, c);
            }
        }

        @Setup(Level.Iteration)
        public void fill() {
            dom = VirtualDom.parse(PAGE, "http://127.0.0.1/page.html");
            connect = dom.document().getElementById("c");
            for (int i = 0; i < size; i++) {
                incoming.apply(incoming.plan(String.format(APPEND, i)), dom, connect);
            }
        }
    }

    static final int BATCH = 5_000;

    /** 5,000 appends into a list of {@code size} items: the per-message cost should not depend on size. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(BATCH)
    @Warmup(iterations = 3, batchSize = 1)
    @Measurement(iterations = 8, batchSize = 1)
    public int appendAt(Sized s) {
        for (int i = 0; i < BATCH; i++) {
            s.incoming.apply(s.incoming.plan(String.format(APPEND, s.size + i)), s.dom, s.connect);
        }
        return s.dom.document().getElementById("list").childNodeSize();
    }

    /** 5,000 replacements of one element by id on a page holding {@code size} list items. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(BATCH)
    @Warmup(iterations = 3, batchSize = 1)
    @Measurement(iterations = 8, batchSize = 1)
    public int replaceAt(Sized s) {
        for (int i = 0; i < BATCH; i++) {
            s.incoming.apply(s.incoming.plan(String.format(REPLACE, i, i)), s.dom, s.connect);
        }
        return s.dom.byId("status").size();
    }
}
