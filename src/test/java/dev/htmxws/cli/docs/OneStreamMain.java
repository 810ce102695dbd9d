package dev.htmxws.cli.docs;

import dev.htmxws.cli.Main;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * {@code htmxws} as the README shows it: {@link Main#run} with standard output and standard error as one stream, each
 * line written out as the command prints it. {@link Main#main} flushes stdout when the command is idle and stderr at
 * once, so the two interleave by timing when merged; here they keep the order the command printed them in, which is
 * what a reader of the README needs and what can be compared from run to run.
 */
public final class OneStreamMain {

    private OneStreamMain() {
    }

    public static void main(String[] args) {
        PrintWriter both = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
            StandardCharsets.UTF_8), true);
        int code = Main.run(both, both, args);
        both.flush();
        System.exit(code);
    }
}
