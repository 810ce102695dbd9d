package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, one row each, through {@link Main#run}: the exact first line of standard error, the documented exit
 * code, nothing on standard output, and no connection tried: the rows whose URL is fine point at {@link #DOOR}, and
 * the first connection it accepts after a run must be the test's own probe. Rows with defaults (the environment, a
 * properties file) check that a bad value names where it came from and that a misspelt key is warned about.
 */
class BadInputTest {

    private static final ServerSocket DOOR = open();
    private static final String URL = "ws://127.0.0.1:" + DOOR.getLocalPort() + "/";

    @TempDir
    static Path dir;

    static Stream<Arguments> rows() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("scripts"));
        Files.writeString(dir.resolve("one.html"),
            "<html><body><div hx-ext=\"ws\" ws-connect=\"" + URL + "\"><form id=\"a\""
                + " ws-send><input name=\"m\"></form><div id=\"log\"></div></div></body></html>");
        Files.writeString(dir.resolve("two.html"), "<html><body><div hx-ext=\"ws\" ws-connect=\"" + URL
            + "\"><form id=\"a\""
            + " ws-send><input name=\"m\"></form><form id=\"b\" ws-send><input name=\"n\"></form></div></body></html>");
        Files.writeString(dir.resolve("rel.html"), "<html><body><div hx-ext=\"ws\" ws-connect=\"/chatroom\"><form"
            + " ws-send><input name=\"m\"></form></div></body></html>");
        Files.writeString(dir.resolve("bad.pem"), "not a certificate");
        Files.writeString(dir.resolve("s.htmxws"), "/wait 10ms\n");
        List<Arguments> rows = new ArrayList<>();
        rows.add(row(2,
            "htmxws send: error: 'ws://127.0.0.1:43791/chat room' is not a valid URL (illegal character in path"
                + " at character 26); write a space as %20 (see 'htmxws send --help')",
            "send", "--raw", "x", "ws://127.0.0.1:43791/chat room"));
        rows.add(row(2,
            "htmxws send: error: 'ws://' is not a valid URL (expected authority at character 6) (see 'htmxws send"
                + " --help')",
            "send", "--raw", "x", "ws://"));
        rows.add(
            row(2, "htmxws send: error: 'ws://127.0.0.1:99999/': port 99999 is out of range (1-65535) (see 'htmxws send"
                + " --help')", "send", "--raw", "x", "ws://127.0.0.1:99999/"));
        rows.add(row(2,
            "htmxws send: error: 'ws://127.0.0.1:0/': port 0 is out of range (1-65535) (see 'htmxws send --help')",
            "send", "--raw", "x", "ws://127.0.0.1:0/"));
        rows.add(
            row(2, "htmxws send: error: 'http://:80/x' names no host; e.g. ws://127.0.0.1:8000/chatroom (see 'htmxws"
                + " send --help')", "send", "--raw", "x", "http://:80/x"));
        rows.add(
            row(2, "htmxws listen: error: 'ws://h/a b' is not a valid URL (illegal character in path at character 9);"
                + " write a space as %20 (see 'htmxws listen --help')", "listen", "ws://h/a b"));
        rows.add(
            row(2, "htmxws listen: error: 'http://a b/' is not a valid URL (illegal character in authority at character"
                + " 8); write a space as %20 (see 'htmxws listen --help')", "listen", "--page", "http://a b/"));
        rows.add(row(2, "htmxws connect: error: 'wss://' is not a valid URL (expected authority at character 7) (see"
            + " 'htmxws connect --help')", "connect", "--script", "/dev/null", "wss://"));
        rows.add(row(2,
            "htmxws connect: error: --script " + folder + ": a folder, not a script (see 'htmxws connect --help')",
            "connect", "--script", folder.toString(), URL));
        rows.add(row(2,
            "htmxws connect: error: --script " + dir.resolve("none.htmxws") + ": no such file (see 'htmxws connect"
                + " --help')",
            "connect", "--script", dir.resolve("none.htmxws").toString(), URL));
        rows.add(
            row(2, "htmxws send: error: 'ftp://x/' is not a ws://, wss://, http:// or https:// URL (see 'htmxws send"
                + " --help')", "send", "--raw", "x", "ftp://x/"));
        rows.add(row(2, "htmxws: error: unknown command: 'sned'; did you mean send? (see 'htmxws --help')",
            "sned", "--raw", "hi", URL));
        rows.add(row(2,
            "htmxws listen: error: invalid value for option '--timeout': '5x' is not a duration (write e.g. 500ms,"
                + " 5s, 2m) (see 'htmxws listen --help')",
            "listen", "--timeout", "5x", URL));
        rows.add(row(2, "htmxws send: error: unknown option: '--frm'; did you mean --form? (see 'htmxws send --help')",
            "send", "--frm", "x", URL));
        rows.add(row(2,
            "htmxws send: error: invalid value for option '--timeout': '5x' is not a duration (write e.g. 500ms, 5s, 2m) (see 'htmxws send --help')",
            "send", "--timeout", "5x", URL));
        rows.add(row(2,
            "htmxws send: error: invalid value for option '--connect-timeout': 'abc' is not a duration (write e.g. 500ms, 5s, 2m) (see 'htmxws send --help')",
            "send", "--connect-timeout", "abc", "--raw", "x", URL));
        rows.add(row(2,
            "htmxws send: error: invalid value for option '--quiet-for': '-1s' is negative (write e.g. 500ms, 5s, 2m) (see 'htmxws send --help')",
            "send", "--quiet-for", "-1s", "--raw", "x", URL));
        rows.add(row(2,
            "htmxws connect: error: invalid value for option '--timeout': '1h2' is not a duration (write e.g. 500ms, 5s, 2m) (see 'htmxws connect --help')",
            "connect", "--timeout", "1h2", "--script", dir + "/s.htmxws", URL));
        rows.add(row(2,
            "htmxws listen: error: invalid value for option '--ping-interval': 'fast' is not a duration (write e.g. 500ms, 5s, 2m) (see 'htmxws listen --help')",
            "listen", "--ping-interval", "fast", URL));
        rows.add(row(2, "htmxws send: error: --expect '-1': give 0 or more (see 'htmxws send --help')",
            "send", "--expect", "-1", "--raw", "x", URL));
        rows.add(row(2,
            "htmxws send: error: invalid value for option '--expect': 'two' is not an int (see 'htmxws send --help')",
            "send", "--expect", "two", "--raw", "x", URL));
        rows.add(row(2, "htmxws send: error: --max-queue '0': give 1 or more (see 'htmxws send --help')",
            "send", "--max-queue", "0", "--stdin", URL));
        rows.add(row(2,
            "htmxws send: error: --json '{\"a\":1} trailing' is not JSON (unexpected trailing text at position 8); quote it for the shell, e.g. --json '{\"a\":1}' (see 'htmxws send --help')",
            "send", "--json", "{\"a\":1} trailing", URL));
        rows.add(row(2,
            "htmxws send: error: --json '{\"a\":1}{\"b\":2}' is not JSON (unexpected trailing text at position 7); quote it for the shell, e.g. --json '{\"a\":1}' (see 'htmxws send --help')",
            "send", "--json", "{\"a\":1}{\"b\":2}", URL));
        rows.add(row(2,
            "htmxws send: error: --json '' is not JSON (unexpected end at position 0); quote it for the shell, e.g. --json '{\"a\":1}' (see 'htmxws send --help')",
            "send", "--json", "", URL));
        rows.add(row(2,
            "htmxws send: error: --json '{\"a\":1' is not JSON (unexpected end at position 6); quote it for the shell, e.g. --json '{\"a\":1}' (see 'htmxws send --help')",
            "send", "--json", "{\"a\":1", URL));
        rows.add(row(2,
            "htmxws send: error: --json 'hi' is not JSON (unexpected character 'h' at position 0); quote it for the shell, e.g. --json '{\"a\":1}' (see 'htmxws send --help')",
            "send", "--json", "hi", URL));
        rows.add(row(2,
            "htmxws send: error: --json '{'a':1}' is not JSON (expected a key at position 1); quote it for the shell, e.g. --json '{\"a\":1}' (see 'htmxws send --help')",
            "send", "--json", "{'a':1}", URL));
        rows.add(row(2,
            "htmxws send: error: nothing to send: give --form NAME=VALUE, --raw TEXT, --json JSON, --binary FILE or"
                + " --stdin (see 'htmxws send --help')",
            "send", URL));
        rows.add(row(2, "htmxws send: error: --form 'chat_message': write NAME=VALUE (see 'htmxws send --help')",
            "send", "--form", "chat_message", URL));
        rows.add(row(2, "htmxws send: error: --form '=x': write NAME=VALUE (see 'htmxws send --help')",
            "send", "--form", "=x", URL));
        rows.add(row(2, "htmxws send: error: --hx-header 'X-Token': write NAME=VALUE (see 'htmxws send --help')",
            "send", "--hx-header", "X-Token", "--form", "a=b", URL));
        rows.add(row(2,
            "htmxws send: error: --trigger, --trigger-name, --target and --hx-header describe a send element when there is no page; with --page, the page's own element is used (see 'htmxws send --help')",
            "send", "--page", dir + "/one.html", "--trigger", "t", "--form", "m=x"));
        rows.add(row(2, "htmxws send: error: --click '[[' is not a CSS selector (see 'htmxws send --help')",
            "send", "--page", dir + "/one.html", "--click", "[[", "--form", "m=x"));
        rows.add(
            row(2, "htmxws send: error: --form-selector '#nope' matches nothing on the page (see 'htmxws send --help')",
                "send", "--page", dir + "/one.html", "--form-selector", "#nope", "--form", "m=x"));
        rows.add(row(2, "htmxws send: error: --click '#nope' matches nothing on the page (see 'htmxws send --help')",
            "send", "--page", dir + "/one.html", "--click", "#nope"));
        rows.add(row(2,
            "htmxws send: error: the page has 2 send elements; pick one with --form-selector CSS (see 'htmxws send --help')",
            "send", "--page", dir + "/two.html", "--form", "m=x"));
        rows.add(row(2,
            "htmxws send: error: --page " + dir
                + "/none.html: no such file (give an http(s) URL or a file) (see 'htmxws send --help')",
            "send", "--page", dir + "/none.html", "--form", "m=x"));
        rows.add(row(2,
            "htmxws send: error: --page " + dir
                + "/scripts: a folder, not a file (give an http(s) URL or a file) (see 'htmxws send --help')",
            "send", "--page", dir + "/scripts", "--form", "m=x"));
        rows.add(row(2, "htmxws send: error: --page " + dir
            + "/rel.html connects to '/chatroom', a URL relative to where the page is served, and a file is served nowhere; add the server's URL (e.g. --page "
            + dir + "/rel.html http://127.0.0.1:8000/) (see 'htmxws send --help')",
            "send", "--page", dir + "/rel.html", "--form", "m=x"));
        rows.add(row(2, "htmxws connect: error: --page " + dir
            + "/rel.html connects to '/chatroom', a URL relative to where the page is served, and a file is served nowhere; add the server's URL (e.g. --page "
            + dir + "/rel.html http://127.0.0.1:8000/) (see 'htmxws connect --help')",
            "connect", "--page", dir + "/rel.html", "--script", dir + "/s.htmxws"));
        rows.add(row(2, "htmxws listen: error: --page " + dir
            + "/rel.html connects to '/chatroom', a URL relative to where the page is served, and a file is served nowhere; add the server's URL (e.g. --page "
            + dir + "/rel.html http://127.0.0.1:8000/) (see 'htmxws listen --help')",
            "listen", "--page", dir + "/rel.html"));
        rows.add(row(2,
            "htmxws send: error: no URL: give a ws:// URL or an http(s):// page URL as an argument, or --page URL|FILE, or set HTMXWS_URL, or put url=… in ./.htmxws.properties or ~/.config/htmxws/defaults.properties (see 'htmxws send --help')",
            "send", "--form", "a=b"));
        rows.add(row(2, "htmxws send: error: --htmx takes 1, 2 or 4, not '3' (see 'htmxws send --help')",
            "send", "--htmx", "3", "--form", "a=b", URL));
        rows.add(row(2, "htmxws send: error: -H 'X-Token': write a header as 'Name: value' (see 'htmxws send --help')",
            "send", "-H", "X-Token", "--form", "a=b", URL));
        rows.add(row(2,
            "htmxws send: error: --max-message-size '0': give a positive number of bytes (see 'htmxws send --help')",
            "send", "--max-message-size", "0", "--form", "a=b", URL));
        rows.add(row(2,
            "htmxws send: error: invalid value for option '--max-message-size': 'lots' is not an int (see 'htmxws send --help')",
            "send", "--max-message-size", "lots", "--form", "a=b", URL));
        rows.add(row(2,
            "htmxws send: error: --proxy 'http://' is not a URL (write http://HOST:PORT or socks://HOST:PORT) (see 'htmxws send --help')",
            "send", "--proxy", "http://", "--form", "a=b", URL));
        rows.add(row(2, "htmxws send: error: --proxy '127.0.0.1' needs a host and a port (see 'htmxws send --help')",
            "send", "--proxy", "127.0.0.1", "--form", "a=b", URL));
        rows.add(row(2, "htmxws send: error: --cacert " + dir + "/missing.pem: no such file (see 'htmxws send --help')",
            "send", "--cacert", dir + "/missing.pem", "--form", "a=b", URL));
        rows.add(
            row(2, "htmxws send: error: --cacert " + dir + "/scripts: a folder, not a file (see 'htmxws send --help')",
                "send", "--cacert", dir + "/scripts", "--form", "a=b", URL));
        rows.add(row(2,
            "htmxws send: error: --cacert " + dir
                + "/bad.pem: not a PEM certificate file (No certificate data found) (see 'htmxws send --help')",
            "send", "--cacert", dir + "/bad.pem", "--form", "a=b", URL));
        rows.add(row(2,
            "htmxws send: error: invalid value for option '--format': expected one of [text, html, raw, ndjson] (case-insensitive) but was 'yaml' (see 'htmxws send --help')",
            "send", "--format", "yaml", "--form", "a=b", URL));
        rows.add(row(2,
            "htmxws send: error: invalid value for option '--max-retries': 'x' is not an int (see 'htmxws send --help')",
            "send", "--max-retries", "x", "--form", "a=b", URL));
        rows.add(row(2, "htmxws listen: error: --count '-1': give 0 or more (see 'htmxws listen --help')",
            "listen", "--count", "-1", URL));
        rows.add(row(2, "htmxws listen: error: --select '[[' is not a CSS selector (see 'htmxws listen --help')",
            "listen", "--select", "[[", "--page", dir + "/one.html"));
        rows.add(row(2,
            "htmxws listen: error: --select and --dom-out need a page (an http(s) URL or --page) (see 'htmxws listen --help')",
            "listen", "--select", "#log", URL));
        rows.add(row(2,
            "htmxws listen: error: --dom-out " + dir + "/missing/final.html: the folder " + dir
                + "/missing does not exist (see 'htmxws listen --help')",
            "listen", "--dom-out", dir + "/missing/final.html", "--page", dir + "/one.html"));
        rows.add(row(2,
            "htmxws listen: error: --dom-out " + dir + "/scripts: a folder, not a file (see 'htmxws listen --help')",
            "listen", "--dom-out", dir + "/scripts", "--page", dir + "/one.html"));
        rows.add(row(2,
            "htmxws listen: error: invalid value for option '--format': expected one of [text, html, raw, ndjson] (case-insensitive) but was 'yaml' (see 'htmxws listen --help')",
            "listen", "--format", "yaml", URL));
        rows.add(row(2, "htmxws listen: error: an event stream needs an http(s):// URL (see 'htmxws listen --help')",
            "listen", "--sse", URL));
        rows.add(row(2,
            "htmxws connect: error: --junit /nonexistent/r.xml: the folder /nonexistent does not exist (see 'htmxws connect --help')",
            "connect", "--junit", "/nonexistent/r.xml", "--script", dir + "/s.htmxws", URL));
        rows.add(row(2,
            "htmxws connect: error: --junit " + dir + "/scripts: a folder, not a file (see 'htmxws connect --help')",
            "connect", "--junit", dir + "/scripts", "--script", dir + "/s.htmxws", URL));
        rows.add(
            row(2, "htmxws connect: error: --format takes text or ndjson, not 'yaml' (see 'htmxws connect --help')",
                "connect", "--format", "yaml", "--script", dir + "/s.htmxws", URL));
        rows.add(row(2,
            "htmxws connect: error: no URL: give a ws:// URL or an http(s):// page URL as an argument, or --page URL|FILE, or set HTMXWS_URL, or put url=… in ./.htmxws.properties or ~/.config/htmxws/defaults.properties (see 'htmxws connect --help')",
            "connect", "--script", dir + "/s.htmxws"));
        rows.add(row(2,
            "htmxws connect: error: 'ws://a b/' is not a valid URL (illegal character in authority at character 6); write a space as %20 (see 'htmxws connect --help')",
            "connect", "--script", dir + "/s.htmxws", "ws://a b/"));
        rows.add(row(2, "htmxws connect: error: unexpected argument: 'extra' (see 'htmxws connect --help')",
            "connect", "--script", dir + "/s.htmxws", URL, "extra"));
        rows.add(row(2,
            "htmxws serve: error: --port '99999': pick 1-65535, or 0 for any free port (see 'htmxws serve --help')",
            "serve", "--port", "99999"));
        rows.add(
            row(2, "htmxws serve: error: --port '-2': pick 1-65535, or 0 for any free port (see 'htmxws serve --help')",
                "serve", "--port", "-2"));
        rows.add(row(2, "htmxws serve: error: --page " + dir + "/none.html: no such file (see 'htmxws serve --help')",
            "serve", "--page", dir + "/none.html", "--port", "0"));
        rows.add(row(2, "htmxws serve: error: --assets " + dir + "/none: no such folder (see 'htmxws serve --help')",
            "serve", "--assets", dir + "/none", "--port", "0"));
        rows.add(row(2, "htmxws serve: error: --max-clients '0': give 1 or more (see 'htmxws serve --help')",
            "serve", "--max-clients", "0", "--port", "0"));
        rows.add(
            row(2, "htmxws serve: error: --ws-path 'chat': write a path such as /chatroom (see 'htmxws serve --help')",
                "serve", "--ws-path", "chat", "--port", "0"));
        rows.add(row(2, "htmxws serve: error: --demo 'poker': the only demo is chat (see 'htmxws serve --help')",
            "serve", "--demo", "poker", "--port", "0"));
        rows.add(row(2,
            "htmxws migrate: error: invalid value for option '--format': expected one of [text, json] (case-insensitive) but was 'yaml' (see 'htmxws migrate --help')",
            "migrate", "--format", "yaml", dir + "/one.html"));
        rows.add(row(2,
            "htmxws migrate: error: --to takes 2 or 4 (the htmx major version to migrate to), not '3' (see 'htmxws migrate --help')",
            "migrate", "--to", "3", dir + "/one.html"));
        rows.add(row(2, "htmxws migrate: error: --jobs must be at least 1 (see 'htmxws migrate --help')",
            "migrate", "--jobs", "0", dir + "/one.html"));
        rows.add(row(2,
            "htmxws migrate: error: --max-size: 'big' is not a size (write e.g. 64M, 500K or 1048576) (see 'htmxws migrate --help')",
            "migrate", "--max-size", "big", dir + "/one.html"));
        rows.add(row(2, "htmxws migrate: error: missing required parameter: 'PATH' (see 'htmxws migrate --help')",
            "migrate"));
        rows.add(row(2,
            "htmxws completion: error: invalid value for positional parameter at index 0 (SHELL): expected one of [bash, zsh, fish] (case-insensitive) but was 'tcsh' (see 'htmxws completion --help')",
            "completion", "tcsh"));
        rows.add(
            row(2, "htmxws completion: error: missing required parameter: 'SHELL' (see 'htmxws completion --help')",
                "completion"));
        rows.add(row(2,
            "htmxws listen: error: unknown option: '--formt'; did you mean --format? (see 'htmxws listen --help')",
            "listen", "--formt", "raw", URL));
        rows.add(row(2, "htmxws: error: unknown command: 'conect'; did you mean connect? (see 'htmxws --help')",
            "conect", URL));
        rows.add(row(2, "htmxws send: error: unexpected argument: '" + URL + "' (see 'htmxws send --help')",
            "send", "--raw", "x", URL, URL));
        rows.add(row(2,
            "htmxws listen: error: missing required parameter for option '--timeout' (DURATION) (see 'htmxws listen --help')",
            "listen", "--timeout"));
        rows.add(row(2,
            "htmxws send: error: missing required parameter for option '--raw' (TEXT) (see 'htmxws send --help')",
            "send", "--raw"));
        rows.add(configured(2,
            "htmxws send: error: invalid value for option '--timeout': '5x' is not a duration (write e.g. 500ms, 5s, 2m); it comes from ./.htmxws.properties (timeout=5x) (see 'htmxws send --help')",
            Map.of(),
            "timeout=5x\n", "send", "--raw", "x", URL));
        rows.add(configured(2,
            "htmxws listen: error: 'ws://a b/' is not a valid URL (illegal character in authority at character 6); write a space as %20; it comes from HTMXWS_URL (see 'htmxws listen --help')",
            Map.of("HTMXWS_URL", "ws://a b/"),
            null, "listen"));
        rows.add(configured(2,
            "htmxws send: error: 'ftp://x/' is not a ws://, wss://, http:// or https:// URL; it comes from ./.htmxws.properties (url=ftp://x/) (see 'htmxws send --help')",
            Map.of(),
            "url=ftp://x/\n", "send", "--raw", "x"));
        rows.add(configured(2,
            "htmxws send: error: --expect '-1': give 0 or more; it comes from ./.htmxws.properties (send.expect=-1) (see 'htmxws send --help')",
            Map.of(),
            "send.expect=-1\n", "send", "--raw", "x", URL));
        rows.add(configured(2,
            "htmxws serve: error: --port '99999': pick 1-65535, or 0 for any free port; it comes from ./.htmxws.properties (serve.port=99999) (see 'htmxws serve --help')",
            Map.of(),
            "serve.port=99999\n", "serve"));
        rows.add(configured(2,
            "htmxws migrate: error: invalid value for option '--format': expected one of [text, json] (case-insensitive) but was 'yaml'; it comes from ./.htmxws.properties (migrate.format=yaml) (see 'htmxws migrate --help')",
            Map.of(),
            "format=ndjson\nmigrate.format=yaml\n", "migrate", dir + "/none"));
        rows.add(configured(2,
            "htmxws: warning: ./.htmxws.properties: unknown key 'timout', ignored; did you mean timeout?", Map.of(),
            "timout=3s\n", "send", URL));
        rows.add(configured(2,
            "htmxws send: error: 'ws://x y/' is not a valid URL (illegal character in authority at character 6); write a space as %20; it comes from ./.htmxws.properties (send.url=ws://x y/) (see 'htmxws send --help')",
            Map.of(),
            "url=ws://127.0.0.1:1/\nsend.url=ws://x y/\n", "send", "--raw", "x"));
        rows.add(row(2, "htmxws migrate: error: " + dir + "/none: no such file or folder (see 'htmxws migrate --help')",
            "migrate", dir + "/none"));
        rows.add(row(2, "htmxws migrate: error: --write and --check exclude each other: --check never writes (see"
            + " 'htmxws migrate --help')", "migrate", "--write", "--check", dir + "/one.html"));
        rows.add(row(2, "htmxws send: error: --binary " + dir + "/none.bin: no such file (see 'htmxws send --help')",
            "send", "--binary", dir + "/none.bin", URL));
        rows.add(row(2, "htmxws send: error: --binary - and --stdin both read standard input: give --binary a file"
            + " (see 'htmxws send --help')", "send", "--binary", "-", "--stdin", URL));
        rows.add(row(2, "htmxws send: error: --binary " + dir + "/scripts: a folder, not a file (see 'htmxws send"
            + " --help')", "send", "--binary", dir + "/scripts", URL));
        return rows.stream();
    }

    private static Arguments row(int code, String firstLine, String... args) {
        return configured(code, firstLine, Map.of(), null, args);
    }

    /** A row whose defaults come from this environment and a ./.htmxws.properties holding {@code props}. */
    private static Arguments configured(int code, String firstLine, Map<String, String> env, String props,
        String... args) {
        String name = (env.isEmpty() ? "" : env + " ") + (props == null ? "" : "[" + props.strip() + "] ")
            + String.join(" ", args);
        return Arguments.of(name, code, firstLine, env, props, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void oneLineAndADocumentedExitCode(String name, int code, String firstLine, Map<String, String> env, String props,
        String[] args) throws IOException {
        // each row reads its defaults from a folder of its own: nothing from the machine's environment or files
        Path work = Files.createTempDirectory(dir, "work");
        if (props != null) {
            Files.writeString(work.resolve(DefaultsProvider.LOCAL), props);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), new DefaultsProvider(env::get, work, work),
            args);
        CliResult r = new CliResult(exit, out.toString(), err.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(code);
        assertThat(r.err().lines().findFirst().orElse("")).as(r.toString()).isEqualTo(firstLine);
        assertThat(r.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.out()).as("nothing on standard output").isEmpty();
        try (Socket probe = new Socket("127.0.0.1", DOOR.getLocalPort()); Socket first = DOOR.accept()) {
            assertThat(first.getPort()).as("the first connection after the run is the probe: htmxws made none")
                .isEqualTo(probe.getLocalPort());
        }
    }

    @AfterAll
    static void close() throws IOException {
        DOOR.close();
    }

    private static ServerSocket open() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
