package dev.htmxws.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code htmxws} command as a real child JVM, started the way the {@code htmxws} launcher starts it: the same
 * JVM flags (read from the launcher script, so the two cannot drift apart), plus the flags a test adds (a fixed
 * -Xmx), on the test's own class path. Also reads a process's memory from /proc, as {@code ps} would.
 */
final class ChildJvm {

    private static final Pattern GENERATION_USED = Pattern.compile("generation.*used (\\d+)K");
    /** The JVM part of ./htmxws and of the release launchers. */
    private static final Path LAUNCHER_JVM = Path.of("src", "launcher", "htmxws-jvm.sh");
    private static final Pattern OPTS = Pattern.compile("(?m)^\\s*(short_opts=|serve\\) jvm_opts=)\\(([^)]*)\\)");

    private ChildJvm() {
    }

    /**
     * The java command line for {@code htmxws ARGS}: the launcher's flags for this command (serve has its own),
     * then {@code extraJvm}, then the main class and the arguments.
     */
    static List<String> command(List<String> extraJvm, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(launcherFlags(args.length > 0 && args[0].equals("serve")));
        cmd.addAll(extraJvm);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    /** The JVM flags the launchers give short commands (listen, send, …) or serve, as written in their shared script. */
    static List<String> launcherFlags(boolean serve) throws IOException {
        String script = Files.readString(LAUNCHER_JVM);
        Matcher m = OPTS.matcher(script);
        String shortOpts = null;
        String serveOpts = null;
        while (m.find()) {
            if (m.group(1).startsWith("short")) {
                shortOpts = m.group(2);
            } else {
                serveOpts = m.group(2);
            }
        }
        String opts = serve ? serveOpts : shortOpts;
        if (opts == null) {
            throw new IllegalStateException(
                "the launcher script " + LAUNCHER_JVM + " no longer sets " + (serve ? "serve's" : "short_opts")
                    + " JVM flags the way this test reads them; update ChildJvm");
        }
        return List.of(opts.trim().split("\\s+"));
    }

    /** Resident memory of a live process in bytes (VmRSS in /proc/PID/status). */
    static long rss(long pid) throws IOException {
        return statusKb(pid, "VmRSS") * 1024;
    }

    /** Peak resident memory of a live process in bytes (VmHWM). */
    static long peakRss(long pid) throws IOException {
        return statusKb(pid, "VmHWM") * 1024;
    }

    /** CPU time a live process ("self": this one) has used so far, user and system, in seconds. */
    static double cpuSeconds(String pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime + stime, in USER_HZ (100 on Linux)
    }

    /** The number of threads of a live process. */
    static long threads(long pid) throws IOException {
        return statusKb(pid, "Threads");
    }

    private static long statusKb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no " + field + " in /proc/" + pid + "/status");
    }

    /**
     * What is live on a process's heap, in bytes: a full GC through jcmd, then the used sizes of the heap's
     * generations (the serial collector's young and tenured) from GC.heap_info.
     */
    static long liveHeap(long pid) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        jcmd(jcmd, Long.toString(pid), "GC.run");
        String info = jcmd(jcmd, Long.toString(pid), "GC.heap_info");
        long kb = 0;
        Matcher m = GENERATION_USED.matcher(info);
        while (m.find()) {
            kb += Long.parseLong(m.group(1));
        }
        if (kb == 0) {
            throw new IOException("no generation sizes in jcmd GC.heap_info:\n" + info);
        }
        return kb * 1024;
    }

    private static String jcmd(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes(); // until jcmd ends
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The end of a text file (a child's stderr), for a failure message. */
    static String tail(Path f) throws IOException {
        if (!Files.exists(f)) {
            return "";
        }
        String s = Files.readString(f);
        return s.length() > 4000 ? "…" + s.substring(s.length() - 4000) : s;
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
