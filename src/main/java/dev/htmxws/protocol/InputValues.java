package dev.htmxws.protocol;

import dev.htmxws.protocol.js.JsNumber;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * {@code input.value}: the stored {@code value} attribute after the HTML value sanitization algorithm of the
 * input's type, which a browser applies whenever a value is set. Without this a number field holding "abc"
 * or a URL with surrounding blanks would be sent differently from a browser.
 */
public final class InputValues {
    private InputValues() {
    }

    public static final Pattern FLOAT = Pattern.compile("-?(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern DATE = Pattern.compile("(\\d{4,})-(\\d\\d)-(\\d\\d)");
    private static final Pattern MONTH = Pattern.compile("(\\d{4,})-(\\d\\d)");
    private static final Pattern WEEK = Pattern.compile("(\\d{4,})-W(\\d\\d)");
    private static final Pattern TIME = Pattern.compile("(\\d\\d):(\\d\\d)(?::(\\d\\d)(?:\\.(\\d{1,3}))?)?");

    public static String sanitized(Element input) {
        String raw = input.attr("value");
        String type = FormControls.inputType(input);
        switch (type) {
            case "text", "search", "tel", "password":
                return stripNewlines(raw);
            case "url":
                return trimAscii(stripNewlines(raw));
            case "email":
                if (input.hasAttr("multiple")) {
                    String[] parts = stripNewlines(raw).split(",", -1);
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < parts.length; i++) {
                        sb.append(i == 0 ? "" : ",").append(trimAscii(parts[i]));
                    }
                    return sb.toString();
                }
                return trimAscii(stripNewlines(raw));
            case "number":
                return isValidFloat(raw) ? raw : "";
            case "range":
                return range(input, raw);
            case "color":
                return COLOR.matcher(raw).matches() ? raw.toLowerCase(Locale.ROOT) : "#000000";
            case "date":
                return validDate(raw) ? raw : "";
            case "month":
                return validMonth(raw) ? raw : "";
            case "week":
                return validWeek(raw) ? raw : "";
            case "time":
                return TIME.matcher(raw).matches() && validTime(raw) ? raw : "";
            case "datetime-local":
                return dateTimeLocal(raw);
            case "file":
                return ""; // no file is ever selected in htmxws
            case "checkbox", "radio":
                return checkableValue(input); // value mode "default/on"
            default:
                return raw; // hidden and buttons: no sanitization
        }
    }

    /** checkbox/radio value: the attribute or "on". */
    public static String checkableValue(Element input) {
        return input.hasAttr("value") ? input.attr("value") : "on";
    }

    public static boolean isValidFloat(String s) {
        return FLOAT.matcher(s).matches() && Double.isFinite(Double.parseDouble(s));
    }

    private static String stripNewlines(String s) {
        return s.replace("\n", "").replace("\r", "");
    }

    public static String trimAscii(String s) {
        return s.replaceAll("^[\\t\\n\\f\\r ]+|[\\t\\n\\f\\r ]+$", "");
    }

    private static String range(Element input, String raw) {
        double min = attrNumber(input, "min", 0);
        double max = attrNumber(input, "max", 100);
        if (max < min) {
            max = min;
        }
        double v = isValidFloat(raw) ? Double.parseDouble(raw) : min + (max - min) / 2;
        v = Math.max(min, Math.min(max, v));
        String step = input.attr("step").trim();
        if (!step.equalsIgnoreCase("any")) {
            double st = isValidFloat(step) && Double.parseDouble(step) > 0 ? Double.parseDouble(step) : 1;
            double aligned = min + Math.round((v - min) / st) * st;
            if (aligned > max) {
                aligned -= st;
            }
            v = aligned;
        }
        if (isValidFloat(raw) && Double.parseDouble(raw) == v) {
            return raw; // an already valid value is kept as written
        }
        return JsNumber.toJsString(v);
    }

    public static double attrNumber(Element e, String attr, double dflt) {
        String s = e.attr(attr).trim();
        return isValidFloat(s) ? Double.parseDouble(s) : dflt;
    }

    public static boolean validDate(String s) {
        var m = DATE.matcher(s);
        if (!m.matches()) {
            return false;
        }
        int y = Integer.parseInt(m.group(1));
        int mo = Integer.parseInt(m.group(2));
        int d = Integer.parseInt(m.group(3));
        return y > 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= java.time.YearMonth.of(y, mo).lengthOfMonth();
    }

    public static boolean validMonth(String s) {
        var m = MONTH.matcher(s);
        return m.matches() && Integer.parseInt(m.group(1)) > 0
            && Integer.parseInt(m.group(2)) >= 1 && Integer.parseInt(m.group(2)) <= 12;
    }

    public static boolean validWeek(String s) {
        var m = WEEK.matcher(s);
        if (!m.matches()) {
            return false;
        }
        int y = Integer.parseInt(m.group(1));
        int w = Integer.parseInt(m.group(2));
        int weeks = java.time.LocalDate.of(y, 12, 28).get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        return y > 0 && w >= 1 && w <= weeks;
    }

    public static boolean validTime(String s) {
        var m = TIME.matcher(s);
        return m.matches() && Integer.parseInt(m.group(1)) <= 23 && Integer.parseInt(m.group(2)) <= 59
            && (m.group(3) == null || Integer.parseInt(m.group(3)) <= 59);
    }

    /** A valid local date-and-time becomes its normalized form ("T", shortest time); else "". */
    private static String dateTimeLocal(String raw) {
        int sep = Math.max(raw.indexOf('T'), raw.indexOf(' '));
        if (sep < 0) {
            return "";
        }
        String date = raw.substring(0, sep);
        String time = raw.substring(sep + 1);
        if (!validDate(date) || !validTime(time)) {
            return "";
        }
        var m = TIME.matcher(time);
        m.matches();
        String sec = m.group(3);
        String ms = m.group(4);
        StringBuilder t = new StringBuilder(m.group(1)).append(':').append(m.group(2));
        boolean hasMs = ms != null && Integer.parseInt(ms) != 0;
        if ((sec != null && !sec.equals("00")) || hasMs) {
            t.append(':').append(sec == null ? "00" : sec);
            if (hasMs) {
                String padded = (ms + "00").substring(0, 3);
                t.append('.').append(padded.replaceAll("0+$", ""));
            }
        }
        return date + "T" + t;
    }
}
