package destination.klaviyo.core;

import destination.klaviyo.Json;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link Values} port over plain Java objects, standing for JavaScript values in JVM tests:
 * {@link #JS_UNDEFINED}, null, Boolean, Double, String, List (array), Map (object, in key order),
 * {@link JsDate}, BigInteger (a BigInt), and {@link Opaque} for functions, symbols and DOM nodes. A
 * map value {@link #THROWING_GETTER} stands for a property whose getter throws.
 */
final class JavaValues implements Values {
    static final Object JS_UNDEFINED = new Opaque("undefined");
    static final Object THROWING_GETTER = new Opaque("getter that throws");

    /** A value JSON has no type for: a function, a symbol, a DOM node... */
    record Opaque(String what) {
    }

    /** A Date; NaN for an invalid one. */
    record JsDate(double time) {
    }

    private static final java.time.format.DateTimeFormatter ISO = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private final List<Object> slots = new ArrayList<>(List.of(JS_UNDEFINED));

    JavaValues() {
        slots.add(null);
    }

    int hold(Object value) {
        slots.add(value);
        return slots.size() - 1;
    }

    Object value(int handle) {
        return handle >= 0 && handle < slots.size() ? slots.get(handle) : JS_UNDEFINED;
    }

    @Override
    public int kind(int handle) {
        Object v = value(handle);
        if (v == JS_UNDEFINED) {
            return UNDEFINED;
        }
        if (v == null) {
            return NULL;
        }
        if (v instanceof Boolean) {
            return BOOLEAN;
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? NUMBER : OTHER;
        }
        if (v instanceof String) {
            return STRING;
        }
        if (v instanceof List) {
            return ARRAY;
        }
        if (v instanceof Map) {
            return OBJECT;
        }
        if (v instanceof BigInteger || v instanceof JsDate date && Double.isFinite(date.time())) {
            return STRINGIFIED;
        }
        return OTHER;
    }

    @Override
    public int get(int object, String key) {
        Object v = value(object);
        if (v instanceof Map<?, ?> map && map.containsKey(key)) {
            Object property = map.get(key);
            return hold(property == THROWING_GETTER ? JS_UNDEFINED : property);
        }
        return NO_VALUE;
    }

    @Override
    public int keys(int object) {
        Object v = value(object);
        List<Object> keys = new ArrayList<>();
        if (v instanceof Map<?, ?> map) {
            keys.addAll(map.keySet());
        }
        return hold(keys);
    }

    @Override
    public int valueAt(int object, int keys, int index) {
        Object key = ((List<?>) value(keys)).get(index);
        Object v = value(object);
        if (v instanceof Map<?, ?> map) {
            Object property = map.get(key);
            return hold(property == THROWING_GETTER ? JS_UNDEFINED : property);
        }
        return NO_VALUE;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void putAt(int object, int keys, int index, int value) {
        String key = (String) ((List<?>) value(keys)).get(index);
        if (!"__proto__".equals(key)) {
            ((Map<String, Object>) value(object)).put(key, value(value));
        }
    }

    @Override
    public int copyPlainAt(int target, int source, int keys, int index) {
        int value = valueAt(source, keys, index);
        int kind = kind(value);
        if (kind == UNDEFINED || "__proto__".equals(((List<?>) value(keys)).get(index))) {
            return NO_VALUE;
        }
        if (kind == NULL || kind == BOOLEAN || kind == NUMBER || kind == STRING) {
            putAt(target, keys, index, value);
            return NO_VALUE;
        }
        return value;
    }

    @Override
    public int length(int array) {
        return value(array) instanceof List<?> list ? list.size() : 0;
    }

    @Override
    public int at(int array, int index) {
        return value(array) instanceof List<?> list && index < list.size() ? hold(list.get(index)) : NO_VALUE;
    }

    @Override
    public String string(int handle) {
        Object v = value(handle);
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? Json.number(d) : null;
        }
        if (v instanceof BigInteger big) {
            return big.toString();
        }
        if (v instanceof JsDate date && Double.isFinite(date.time())) {
            return ISO.format(java.time.Instant.ofEpochMilli((long) date.time()));
        }
        return null;
    }

    @Override
    public boolean truthy(int handle) {
        Object v = value(handle);
        if (v == JS_UNDEFINED || v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Double d) {
            return d != 0 && !d.isNaN();
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof BigInteger big) {
            return big.signum() != 0;
        }
        return true;
    }

    @Override
    public boolean same(int a, int b) {
        Object x = value(a);
        Object y = value(b);
        if (x instanceof Map || x instanceof List) {
            return x == y;
        }
        return x == null ? y == null : x.equals(y);
    }

    private static final Pattern DECIMAL = Pattern.compile(
            "^[+-]?(Infinity|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)");

    @Override
    public double parseFloat(String text) {
        Matcher m = DECIMAL.matcher(text.stripLeading());
        if (!m.find()) {
            return Double.NaN;
        }
        String number = m.group();
        if (number.endsWith("Infinity")) {
            return number.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(number);
    }

    @Override
    public boolean test(String pattern, String text) {
        // Java's engine reads these patterns as JavaScript's does, but for `.` and `$` around \u0085 and
        // a final line break, which no test relies on.
        return Pattern.compile(pattern, Pattern.CASE_INSENSITIVE).matcher(text).find();
    }

    @Override
    public String replace(String pattern, String text, String replacement) {
        return Pattern.compile(pattern).matcher(text).replaceAll(replacement);
    }

    @Override
    public int normalised(String pattern, int array) {
        List<Object> out = new ArrayList<>();
        for (Object text : (List<?>) value(array)) {
            out.add(replace(pattern, (String) text, "").toLowerCase(java.util.Locale.ROOT));
        }
        return hold(out);
    }

    @Override
    public int indexOf(int array, String text, int from) {
        List<?> list = (List<?>) value(array);
        for (int i = Math.max(0, from); i < list.size(); i++) {
            if (text.equals(list.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String concat(String a, String b) {
        return a + b;
    }

    @Override
    public String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isJsSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isJsSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** ECMAScript's WhiteSpace and LineTerminator characters. */
    static boolean isJsSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r' || c == '\u00a0' || c == '\u1680' || c >= '\u2000' && c <= '\u200a'
                || c == '\u2028' || c == '\u2029' || c == '\u202f' || c == '\u205f' || c == '\u3000' || c == '\ufeff';
    }

    @Override
    public int newObject() {
        return hold(new LinkedHashMap<String, Object>());
    }

    @Override
    public int newArray() {
        return hold(new ArrayList<>());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void put(int object, String key, int value) {
        if ("__proto__".equals(key)) {
            throw new AssertionError("the core must never set __proto__");
        }
        ((Map<String, Object>) value(object)).put(key, value(value));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void push(int array, int value) {
        ((List<Object>) value(array)).add(value(value));
    }

    @Override
    public int ofString(String text) {
        return hold(text);
    }

    @Override
    public int ofNumber(double number) {
        return hold(number);
    }
}
