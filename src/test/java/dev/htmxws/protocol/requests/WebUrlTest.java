package dev.htmxws.protocol.requests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The browser's URL resolution, as htmx's requests meet it. */
class WebUrlTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        http://h.test/a/b?x=1#f     | c                  | http://h.test/a/c
        http://h.test/a/b?x=1#f     | /c?y=2#g           | http://h.test/c?y=2#g
        http://h.test/a/b?x=1#f     | ?y=2               | http://h.test/a/b?y=2
        http://h.test/a/b?x=1#f     | #g                 | http://h.test/a/b?x=1#g
        http://h.test/a/b?x=1#f     | ``                 | http://h.test/a/b?x=1
        http://h.test/a/b           | ../../../c         | http://h.test/c
        http://h.test/a/b           | ./c/%2e%2E/d       | http://h.test/a/d
        http://h.test/a/b           | //other.test:80/x  | http://other.test/x
        http://h.test/a/b           | \\\\x\\y            | http://x/y
        http://h.test/a/b           | \\\\x\\\\y          | http://x//y
        http://h.test/a/b           | /a b"<>`{}é        | http://h.test/a%20b%22%3C%3E%60%7B%7D%C3%A9
        http://h.test/a/b           | /p?q=a b'"é        | http://h.test/p?q=a%20b%27%22%C3%A9
        http://h.test/a/b           | HTTPS://H.TEST:443/ | https://h.test/
        http://h.test/a/b           | http:c             | http://h.test/a/c
        http://127.0.0.1:{port}/p.html | /item?id=7      | http://127.0.0.1:{port}/item?id=7
        """)
    void resolvesAsTheBrowserDoes(String base, String ref, String expected) {
        assertThat(WebUrl.parse(base).resolve(ref).href()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
        http://h.test/a        | http://h.test:80/b     | true
        http://h.test/a        | https://h.test/b       | false
        http://h.test/a        | http://H.TEST/b        | true
        http://h.test:8080/a   | http://h.test/b        | false
        """)
    void originsCompareSchemeHostAndPort(String a, String b, boolean same) {
        assertThat(WebUrl.parse(a).sameOrigin(WebUrl.parse(b))).isEqualTo(same);
    }
}
