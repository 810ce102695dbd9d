package dev.htmxws.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpHeaderTest {

    @Test
    void parsesCurlStyle() {
        assertThat(HttpHeader.parse("X-Token:  abc: def ")).isEqualTo(new HttpHeader("X-Token", "abc: def"));
        assertThat(HttpHeader.parse("Empty:")).isEqualTo(new HttpHeader("Empty", ""));
        assertThat(new HttpHeader("authorization", "x").is("Authorization")).isTrue();
    }

    @Test
    void refusesWhatWouldBreakTheRequest() {
        assertThatThrownBy(() -> HttpHeader.parse("no colon")).hasMessageContaining("Name: value");
        assertThatThrownBy(() -> HttpHeader.parse(": value")).hasMessageContaining("Name: value");
        assertThatThrownBy(() -> new HttpHeader("Bad Name", "v")).hasMessageContaining("not a valid header name");
        assertThatThrownBy(() -> new HttpHeader("X", "a\r\nInjected: yes")).hasMessageContaining("line break");
    }
}
