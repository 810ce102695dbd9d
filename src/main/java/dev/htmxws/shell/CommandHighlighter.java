package dev.htmxws.shell;

import dev.htmxws.script.ScriptEngine;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colours the command word as it is typed: a known {@code /command} bold blue, an unknown one red, the
 * name of a {@code name=value} line cyan, a {@code #} comment faint. No colour at all on a dumb terminal or
 * when {@code NO_COLOR} is set (to anything but the empty string, as no-color.org says).
 */
final class CommandHighlighter implements Highlighter {

    private static final AttributedStyle KNOWN = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    private static final AttributedStyle UNKNOWN = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    private static final AttributedStyle FIELD = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.faint();

    private final boolean colour;

    CommandHighlighter(boolean colour) {
        this.colour = colour;
    }

    /** Whether to colour on this terminal with this environment. */
    static boolean colourFor(Terminal terminal, UnaryOperator<String> env) {
        String noColor = env.apply("NO_COLOR");
        return !Terminal.TYPE_DUMB.equals(terminal.getType()) && (noColor == null || noColor.isEmpty());
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        if (!colour) {
            return new AttributedString(buffer);
        }
        int start = 0;
        while (start < buffer.length() && Character.isWhitespace(buffer.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < buffer.length() && !Character.isWhitespace(buffer.charAt(end))) {
            end++;
        }
        String word = buffer.substring(start, end);
        AttributedStringBuilder b = new AttributedStringBuilder().append(buffer.substring(0, start));
        if (word.startsWith("#")) {
            return b.styled(COMMENT, buffer.substring(start)).toAttributedString();
        }
        int eq = word.indexOf('=');
        if (word.startsWith("/")) {
            b.styled(known(word.substring(1)) ? KNOWN : UNKNOWN, word);
        } else if (eq > 0) {
            b.styled(FIELD, word.substring(0, eq)).append(word.substring(eq));
        } else {
            b.append(word);
        }
        return b.append(buffer.substring(end)).toAttributedString();
    }

    static boolean known(String command) {
        String c = command.toLowerCase(Locale.ROOT);
        return ScriptEngine.COMMANDS.contains(c) || c.equals("exit");
    }
}
