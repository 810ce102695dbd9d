package dev.htmxws.script;

import java.util.regex.Pattern;

/**
 * One rule for messages over several lines, in the shell and in scripts alike: a {@code /raw} or {@code /json} line
 * that ends with a backslash goes on to the next line. The message is the lines joined with newlines, without those
 * backslashes (to send a message that ends with a backslash, put a space after it). Other lines are always one line.
 */
public final class MultiLine {

    private static final Pattern MULTI_LINE_COMMAND = Pattern.compile("(?is)\\s*/?(raw|json)(\\s.*)?");

    private MultiLine() {
    }

    /** Whether the text so far is a /raw or /json line whose last line ends with a backslash. */
    public static boolean continues(String buffer) {
        return buffer.endsWith("\\") && MULTI_LINE_COMMAND.matcher(buffer).matches();
    }

    /** The command the engine gets: continued lines joined with newlines, their backslashes removed. */
    public static String join(String buffer) {
        if (!MULTI_LINE_COMMAND.matcher(buffer).matches()) {
            return buffer;
        }
        return buffer.replace("\\\r\n", "\n").replace("\\\n", "\n");
    }
}
