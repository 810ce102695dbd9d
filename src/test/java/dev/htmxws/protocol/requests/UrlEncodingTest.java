package dev.htmxws.protocol.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** encodeURIComponent against URLSearchParams: the byte-level difference between htmx 1/2 and htmx 4. */
class UrlEncodingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        a b        | a%20b           | a+b
        !'()*~-_.  | !'()*~-_.       | %21%27%28%29*%7E-_.
        é€😀       | %C3%A9%E2%82%AC%F0%9F%98%80 | %C3%A9%E2%82%AC%F0%9F%98%80
        &=+/?#%    | %26%3D%2B%2F%3F%23%25 | %26%3D%2B%2F%3F%23%25
        """)
    void encodesLikeTheBrowser(String text, String component, String form) {
        assertThat(UrlEncoding.encodeUriComponent(text)).isEqualTo(component);
        assertThat(UrlEncoding.formUrlencoded(List.of(new UrlEncoding.Pair("k", text)))).isEqualTo("k=" + form);
    }

    @Test
    void aLoneSurrogateThrowsInEncodeUriComponentAndBecomesAReplacementCharacterInAForm() {
        assertThatThrownBy(() -> UrlEncoding.encodeUriComponent("a\uD800")).isInstanceOf(UrlEncoding.UriError.class);
        assertThat(UrlEncoding.formUrlencoded(List.of(new UrlEncoding.Pair("k", "a\uD800")))).isEqualTo("k=a%EF%BF%BD");
    }

    @Test
    void parsesAQueryAsUrlSearchParamsDoes() {
        assertThat(UrlEncoding.parseFormUrlencoded("a=1&&b=x+y%20z&c&d=%zz&e=%C3%A9")).containsExactly(
            new UrlEncoding.Pair("a", "1"), new UrlEncoding.Pair("b", "x y z"), new UrlEncoding.Pair("c", ""),
            new UrlEncoding.Pair("d", "%zz"), new UrlEncoding.Pair("e", "é"));
    }
}
