package dev.htmxws.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * An htmx 1 {@code hx-ws} / {@code hx-sse} value split into its tokens as htmx 1 splits it (whitespace, then
 * the first colon), except that a template construct is one opaque piece and never split.
 */
final class LegacyValue {

    /** A problem with one token, positioned in the original text. */
    record Issue(int offset, Level level, String code, String message) {
    }

    /** A piece of the original text, copied verbatim into the new attributes. */
    record Piece(int start, int end) {
    }

    final List<Piece> connects = new ArrayList<>();
    final List<Piece> swaps = new ArrayList<>();
    final List<Issue> issues = new ArrayList<>();
    boolean send;
    boolean empty;

    boolean hasError() {
        return issues.stream().anyMatch(i -> i.level == Level.ERROR);
    }

    /**
     * Parses a value.
     *
     * @param sse {@code hx-sse} (verbs connect and swap) rather than {@code hx-ws} (connect and send)
     */
    static LegacyValue parse(TemplateMask mask, int start, int end, boolean sse, int nameOffset, String attr) {
        String text = mask.text();
        LegacyValue v = new LegacyValue();
        int sendIndex = -1;
        int connectIndex = -1;
        int index = 0;
        int i = start;
        while (i < end) {
            if (AttributeSyntax.isSpace(text.charAt(i)) && mask.regionAt(i) == null) {
                i++;
                continue;
            }
            int tokenStart = i;
            int colon = -1;
            while (i < end) {
                TemplateMask.Region r = mask.regionAt(i);
                if (r != null) {
                    i = Math.min(r.end(), end);
                    continue;
                }
                char c = text.charAt(i);
                if (AttributeSyntax.isSpace(c)) {
                    break;
                }
                if (c == ':' && colon < 0) {
                    colon = i;
                }
                i++;
            }
            int tokenEnd = i;
            if (text.charAt(tokenEnd - 1) == ',' && mask.regionAt(tokenEnd - 1) == null) {
                tokenEnd--;
                v.issues.add(new Issue(nameOffset, Level.WARNING, "trailing-comma",
                    "trailing comma dropped from \"" + text.substring(tokenStart, tokenEnd + 1)
                        + "\" in " + attr + " (htmx 1 kept it in the URL; tokens are separated by spaces)"));
                if (tokenEnd == tokenStart) {
                    continue;
                }
                if (colon == tokenEnd) {
                    colon = -1;
                }
            }
            String token = text.substring(tokenStart, tokenEnd);
            int verbEnd = colon < 0 ? tokenEnd : colon;
            boolean templatedVerb = mask.intersects(tokenStart, verbEnd);
            String verb = text.substring(tokenStart, verbEnd);
            boolean hasArg = colon >= 0 && colon + 1 < tokenEnd;
            Piece arg = hasArg ? new Piece(colon + 1, tokenEnd) : null;
            if (templatedVerb) {
                v.issues.add(new Issue(nameOffset, Level.ERROR, "unknown-verb",
                    "template construct \"" + token + "\" where " + attr
                        + " expects a verb; cannot tell what it holds"));
            } else if (verb.equals("connect")) {
                if (arg == null) {
                    v.issues.add(new Issue(nameOffset, Level.ERROR, "connect-without-url",
                        "\"" + token + "\" in " + attr + " has no URL (write connect:URL)"));
                } else {
                    v.connects.add(arg);
                    if (connectIndex < 0) {
                        connectIndex = index;
                    }
                }
            } else if (!sse && verb.equals("send")) {
                if (colon >= 0 && arg == null) {
                    v.issues.add(new Issue(nameOffset, Level.ERROR, "unknown-verb",
                        "\"" + token + "\" in " + attr + " is neither send nor send:EVENT; htmx 1 ignored it"));
                } else {
                    v.send = true;
                    sendIndex = sendIndex < 0 ? index : sendIndex;
                    if (arg != null) {
                        v.issues.add(new Issue(nameOffset, Level.INFO, "send-event-ignored",
                            "\"" + token + "\": the :" + text.substring(arg.start, arg.end)
                                + " part never had an effect in htmx 1; it is dropped"));
                    }
                }
            } else if (sse && verb.equals("swap")) {
                if (arg == null) {
                    v.issues.add(new Issue(nameOffset, Level.ERROR, "connect-without-url",
                        "\"" + token + "\" in " + attr + " names no event (write swap:EVENT)"));
                } else {
                    v.swaps.add(arg);
                }
            } else {
                v.issues.add(new Issue(nameOffset, Level.ERROR, "unknown-verb",
                    "unknown " + attr + " token \"" + token + "\" (htmx 1 knows "
                        + (sse ? "connect:URL and swap:EVENT" : "connect:URL and send") + "); left as is"));
            }
            index++;
        }
        if (index == 0) {
            v.empty = true;
        }
        if (v.connects.size() > 1) {
            v.issues.add(new Issue(nameOffset, Level.ERROR, "multiple-connect",
                attr + " has " + v.connects.size()
                    + " connect tokens; htmx 2/4 open one connection per element: split it by hand"));
        }
        if (!sse && v.send && connectIndex >= 0 && sendIndex < connectIndex && !v.hasError()) {
            v.issues.add(new Issue(nameOffset, Level.WARNING, "send-before-connect",
                "send comes before connect in " + attr + ": htmx 1 never wired that send; after the rewrite it works"));
        }
        for (Piece url : v.connects) {
            urlWarning(mask, url, nameOffset, attr, v.issues);
        }
        return v;
    }

    private static void urlWarning(TemplateMask mask, Piece url, int at, String attr, List<Issue> out) {
        if (mask.regionStartingAt(url.start) != null) {
            return; // the template decides what the URL is
        }
        String u = mask.text().substring(url.start, url.end);
        String lower = u.toLowerCase(java.util.Locale.ROOT);
        if ((lower.startsWith("ws:") || lower.startsWith("wss:")) && !lower.startsWith("//", lower.indexOf(':') + 1)) {
            out.add(new Issue(at, Level.WARNING, "url-prefix-form",
                "URL \"" + u + "\" in " + attr + " has a scheme without //: browsers read the next segment as the host;"
                    + " kept verbatim, check it (a same-host path starts with /)"));
        } else if (u.startsWith("//")) {
            out.add(new Issue(at, Level.WARNING, "url-protocol-relative",
                "URL \"" + u + "\" in " + attr
                    + " starts with //: htmx 1/2 append it to the page's host, htmx 4 reads a host;"
                    + " kept verbatim, check it"));
        } else if (!u.startsWith("/") && !u.matches("(?s)[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            out.add(new Issue(at, Level.WARNING, "url-relative",
                "URL \"" + u + "\" in " + attr + " is relative without a leading /: resolved differently by htmx 1/2"
                    + " and htmx 4; kept verbatim, check it"));
        }
    }
}
