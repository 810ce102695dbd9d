package dev.htmxws.protocol.js;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * JavaScript's Number::toString (ECMA-262 Number::toString(10)): the shortest digit string that round-trips
 * to the same double, written in plain notation for exponents -7 < e < 21 and in exponent notation
 * otherwise. Java 17's Double.toString is neither shortest in every case nor laid out like JS.
 */
public final class JsNumber {
    private JsNumber() {
    }

    /** A JSON number as JS's JSON.parse reads it: always an IEEE double. */
    public static double parse(String jsonNumber) {
        return Double.parseDouble(jsonNumber); // correctly rounded, like JS
    }

    /** JSON.stringify of a number: non-finite values become {@code null}. */
    public static String toJson(double d) {
        return Double.isFinite(d) ? toJsString(d) : "null";
    }

    public static String toJsString(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return "0"; // also -0
        }
        String sign = d < 0 ? "-" : "";
        BigDecimal exact = new BigDecimal(Math.abs(d));
        BigDecimal shortest = null;
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == Math.abs(d)) {
                shortest = r;
                break;
            }
        }
        if (shortest == null) {
            shortest = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
        }
        BigInteger unscaled = shortest.unscaledValue();
        String digits = unscaled.toString();
        // strip trailing zeros of the digit string, adjusting the exponent
        int scale = shortest.scale();
        while (digits.length() > 1 && digits.endsWith("0")) {
            digits = digits.substring(0, digits.length() - 1);
            scale--;
        }
        int k = digits.length();
        int n = k - scale; // value = 0.digits × 10^n
        StringBuilder sb = new StringBuilder(sign);
        if (k <= n && n <= 21) {
            sb.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            sb.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            sb.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int e = n - 1;
            sb.append(digits.charAt(0));
            if (k > 1) {
                sb.append('.').append(digits, 1, k);
            }
            sb.append('e').append(e < 0 ? "-" : "+").append(Math.abs(e));
        }
        return sb.toString();
    }
}
