package dev.htmxws.shell;

import dev.htmxws.script.MultiLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;

/**
 * Multi-line input in the shell, the rule of {@link MultiLine}: a {@code /raw} or {@code /json} line that ends
 * with a backslash goes on to the next line. The message is the lines joined with newlines, without those backslashes:
 *
 * <pre>
 * htmx2&gt; /json {"chat_message": "hi", \
 * ...&gt;   "HEADERS": {}} </pre>
 *
 * (to send a message that ends with a backslash, type a space after it). Other lines are always one line.
 * Words for completion are split as JLine's {@link DefaultParser} does; a line is never held back for an
 * open quote.
 */
final class Continuation implements Parser {

    private final DefaultParser words = new DefaultParser();

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && continues(line)) {
            throw new EOFError(-1, cursor, "continued", "...");
        }
        return words.parse(line, cursor, context == ParseContext.ACCEPT_LINE ? ParseContext.SPLIT_LINE : context);
    }

    /** Whether the buffer so far is a /raw or /json line whose last line ends with a backslash. */
    static boolean continues(String buffer) {
        return MultiLine.continues(buffer);
    }

    /** The command the engine gets: continued lines joined with newlines, their backslashes removed. */
    static String join(String buffer) {
        return MultiLine.join(buffer);
    }
}
