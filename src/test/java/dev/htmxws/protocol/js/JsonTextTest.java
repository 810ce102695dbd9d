package dev.htmxws.protocol.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON.stringify / JSON.parse equivalence (expected strings are what V8 prints). */
class JsonTextTest {
    @Test
    void escapesExactlyLikeJsonStringify() {
        assertThat(JsonText.stringify("\"\\\b\f\n\r\t\u0001\u001f/é€😀\u007f"))
            .isEqualTo("\"\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f/é€😀\u007f\"");
        assertThat(JsonText.stringify("a\ud800b\udc00")).isEqualTo("\"a\\ud800b\\udc00\"");
    }

    @Test
    void numbersAreWrittenAsJsNumbers() {
        assertThat(JsonText.stringify(Arrays.asList(42.0, 1.5, -0.0, 1e21, 1e20, 0.1 + 0.2, 1e-7, 0.000001, 5e-324,
            123456789012345680000.0, Double.NaN, -2.5e-10)))
            .isEqualTo("[42,1.5,0,1e+21,100000000000000000000,0.30000000000000004,1e-7,0.000001,5e-324,"
                + "123456789012345680000,null,-2.5e-10]");
        assertThat(JsonText.stringify(JsonText.parse("[1.0, 1e3, 12345678901234567890, -0]")))
            .isEqualTo("[1,1000,12345678901234567000,0]");
    }

    @Test
    void objectsKeepInsertionOrderAfterArrayIndexKeys() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", true);
        m.put("10", null);
        m.put("a", new ArrayList<>(Arrays.asList(JsValue.UNDEFINED, JsValue.FUNCTION)));
        m.put("01", JsFile.EMPTY);
        m.put("2", "x");
        m.put("gone", JsValue.UNDEFINED);
        assertThat(JsonText.stringify(m)).isEqualTo("{\"2\":\"x\",\"10\":null,\"b\":true,\"a\":[null,null],\"01\":{}}");
    }

    @Test
    void parseKeepsFirstPositionAndLastValueOfRepeatedKeys() {
        assertThat(
            JsonText.stringify(JsonText.parse(" {\"a\":1,\"b\":{\"c\":[true,false,null]},\"a\":\"\\u00e9\\/\"} ")))
            .isEqualTo("{\"a\":\"é/\",\"b\":{\"c\":[true,false,null]}}");
        assertThatThrownBy(() -> JsonText.parse("{'a':1}")).isInstanceOf(JsonText.SyntaxError.class);
        assertThatThrownBy(() -> JsonText.parse("{\"a\":01}")).isInstanceOf(JsonText.SyntaxError.class);
    }

    @Test
    void hconParsesLikeHtmx4() {
        assertThat(JsonText.stringify(Hcon.parse("k:v num:5 flag x:\"a b\" d.e:1.5 n:null")))
            .isEqualTo("{\"k\":\"v\",\"num\":5,\"flag\":true,\"x\":\"a b\",\"d\":{\"e\":1.5},\"n\":null}");
    }
}
