package dev.htmxws.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shell's parts that need no terminal: redaction, the history location, the continuation rule. */
class ShellPartsTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(HistoryLocation.PROPERTY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "-H 'Authorization: Bearer abc'                | -H 'Authorization: Bearer ***'",
        "-H \"Proxy-Authorization: Basic dXNlcjpw\"    | -H \"Proxy-Authorization: Basic ***\"",
        "Authorization: abc                            | Authorization: ***",
        "/send csrf_token=xyz                          | /send csrf_token=***",
        "/send user=bob csrf_token=xyz chat_message=hi | /send user=bob csrf_token=*** chat_message=hi",
        "/raw {\"password\":\"p\"}                     | /raw {\"password\":\"***\"}",
        "/json {\"password\": \"p\", \"user\": \"bob\"} | /json {\"password\": \"***\", \"user\": \"bob\"}",
        "/json {\"api_key\": 12345, \"n\": 1}           | /json {\"api_key\": ***, \"n\": 1}",
        "cookie=a=b                                    | cookie=***",
        "-H 'Cookie: a=b; c=d'                         | -H 'Cookie: ***'",
        "/send session_secret=\"two words\" x=1        | /send session_secret=\"***\" x=1",
        "/send token=${API_TOKEN}                      | /send token=${API_TOKEN}",
        "/raw ?access_token=abc&x=1                    | /raw ?access_token=***&x=1",
        "chat_message=hello                            | chat_message=hello",
        "/expect text #token contains \"x\"            | /expect text #token contains \"x\"",
    })
    void secretsAreRedacted(String line, String redacted) {
        assertThat(Redactor.redact(line.strip())).isEqualTo(redacted.strip());
    }

    @Test
    void aMultiLineJsonBodyIsRedactedOnEveryLine() {
        assertThat(Redactor.redact("/json {\"a\": 1,\\\n \"password\": \"p\"}"))
            .isEqualTo("/json {\"a\": 1,\\\n \"password\": \"***\"}");
    }

    @Test
    void historyFollowsXdgStateHomeAndThePropertyStandsInForIt() {
        String home = System.getProperty("user.home");
        assertThat(HistoryLocation.file(Map.<String, String>of()::get))
            .isEqualTo(Path.of(home, ".local", "state", "htmxws", "history"));
        assertThat(HistoryLocation.file(Map.of("XDG_STATE_HOME", "/var/state")::get))
            .isEqualTo(Path.of("/var/state", "htmxws", "history"));
        assertThat(HistoryLocation.file(Map.of("XDG_STATE_HOME", "relative/ignored")::get))
            .isEqualTo(Path.of(home, ".local", "state", "htmxws", "history"));
        System.setProperty(HistoryLocation.PROPERTY, "/tmp/elsewhere");
        assertThat(HistoryLocation.file(Map.of("XDG_STATE_HOME", "/var/state")::get))
            .isEqualTo(Path.of("/tmp/elsewhere", "htmxws", "history"));
    }

    @Test
    void onlyRawAndJsonLinesEndingWithABackslashContinue() {
        assertThat(Continuation.continues("/json {\"a\": 1, \\")).isTrue();
        assertThat(Continuation.continues("/RAW line\\")).isTrue();
        assertThat(Continuation.continues("/raw a\\\nb\\")).isTrue();
        assertThat(Continuation.continues("/raw a\\\nb")).isFalse();
        assertThat(Continuation.continues("chat_message=a\\")).isFalse();
        assertThat(Continuation.continues("/rawish a\\")).isFalse();
        assertThat(Continuation.continues("/json {\"a\": ")).isFalse();
        assertThat(Continuation.join("/raw a\\\nb\\\nc")).isEqualTo("/raw a\nb\nc");
        assertThat(Continuation.join("chat_message=a\\\nb")).isEqualTo("chat_message=a\\\nb");
    }
}
