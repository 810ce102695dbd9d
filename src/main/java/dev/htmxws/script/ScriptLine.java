package dev.htmxws.script;

import java.util.List;

/**
 * One command of a script or of the shell, parsed.
 *
 * @param command the command name without its slash ({@code send} for a plain {@code name=value} line)
 * @param args    the words after it, quotes removed and ${ENV} substituted
 * @param rest    the text after the command name, as written (for raw and json bodies)
 * @param where   {@code file:line} for reports
 */
public record ScriptLine(String command, List<String> args, String rest, String text, String where) {
}
