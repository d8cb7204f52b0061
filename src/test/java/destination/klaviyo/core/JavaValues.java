package destination.klaviyo.core;

import destination.klaviyo.JsonText;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link Values} port over plain Java objects, standing for JavaScript values in JVM tests, with
 * the same rules as src/main/js/port.js: {@link #JS_UNDEFINED}, null, Boolean, Double, String, List
 * (array), Map (object, in key order), {@link JsDate}, BigInteger (a BigInt), and {@link Opaque} for
 * functions, symbols and DOM nodes. A map value {@link #THROWING_GETTER} stands for a property whose
 * getter throws.
 *
 * <p>Handles start at {@link #FIRST_HANDLE}, far from every kind number, and each is checked when it
 * comes back: a core that took a handle for a kind, or a kind for a handle, fails here. Every port
 * call that crosses into JavaScript in the browser is counted in {@link #calls} ({@link #kinds} does not
 * cross).
 */
final class JavaValues implements Values {
    static final Object JS_UNDEFINED = new Opaque("undefined");
    static final Object THROWING_GETTER = new Opaque("getter that throws");
    static final int FIRST_HANDLE = 1000;

    /** A value JSON has no type for: a function, a symbol, a DOM node... */
    record Opaque(String what) {
    }

    /** A Date; NaN for an invalid one. */
    record JsDate(double time) {
    }

    /** What find() leaves behind: the object looked in, its keys, and the consumable entries each matched. */
    private record Lookup(Object object, List<String> keys, int[] marks) {
    }

    /** A registered key list. */
    private record KeyNames(List<String> names, Map<String, Integer> exact, Map<String, Integer> facade) {
    }

    private static final java.time.format.DateTimeFormatter ISO = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
    private static final Object LEFT_OUT = new Opaque("left out");

    private final List<Object> slots = new ArrayList<>();
    private final List<KeyNames> lists = new ArrayList<>();
    /** The kinds of found values, by handle, as port.js keeps them in Java's table. */
    private int[] kinds = new int[FIRST_HANDLE + 16];
    /** What the port built: plain already, taken as it is. */
    private final Set<Object> made = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** Port calls so far. */
    int calls;

    /** The call (by {@link #calls}) that throws, as a stack overflow would; 0 for none. */
    int failAt;

    private void beforeCall() {
        if (++calls == failAt) {
            throw new StackOverflowError("aborted on purpose at port call " + calls);
        }
    }

    /** A JavaScript object for the tests: its keys and values, in order. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    int hold(Object value) {
        slots.add(value);
        return FIRST_HANDLE + slots.size() - 1;
    }

    Object value(int handle) {
        if (handle == NO_VALUE) {
            return JS_UNDEFINED;
        }
        int index = handle - FIRST_HANDLE;
        if (index < 0 || index >= slots.size()) {
            throw new AssertionError("not a handle: " + handle);
        }
        return slots.get(index);
    }

    /** Handles in use: what a message leaves behind until {@link #release}. */
    int top() {
        return FIRST_HANDLE + slots.size();
    }

    void release(int mark) {
        slots.subList(mark - FIRST_HANDLE, slots.size()).clear();
    }

    private static int kindOf(Object v) {
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

    private static boolean truthy(Object v) {
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

    private static Object read(Map<?, ?> map, Object key) {
        if (!map.containsKey(key)) {
            return JS_UNDEFINED;
        }
        Object v = map.get(key);
        return v == THROWING_GETTER ? JS_UNDEFINED : v;
    }

    private static String textOf(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double d) {
            // String(n), as a JavaScript engine (HtmlUnit's) writes it: 42, 1.5e+21, 2e-7.
            return Double.isFinite(d) ? org.htmlunit.corejs.javascript.ScriptRuntime.numberToString(d, 10) : null;
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
    public int keys(String names) {
        beforeCall();
        List<String> all = new ArrayList<>();
        Map<String, Integer> exact = new HashMap<>();
        Map<String, Integer> facade = new HashMap<>();
        String[] split = names.split(" ", -1);
        for (int i = 0; i < split.length; i++) {
            String name = split[i];
            boolean isExact = name.startsWith("=");
            if (isExact) {
                name = name.substring(1);
            }
            if (name.isEmpty()) {
                throw new AssertionError("an empty key in a key list: '" + names + "'");
            }
            all.add(name);
            if (isExact) {
                exact.putIfAbsent(name, i);
            } else {
                facade.putIfAbsent(normalised(name), i);
            }
        }
        if (all.size() > 31) {
            // port.js keeps which entries a lookup found, and which a key matched, in 31-bit masks.
            throw new AssertionError("a key list has at most 31 keys: '" + names + "'");
        }
        lists.add(new KeyNames(all, exact, facade));
        return lists.size() - 1;
    }

    @Override
    public int size(int keys) {
        beforeCall();
        return lists.get(keys).names().size();
    }

    /** obj-case's normalisation: without anything but ASCII letters, digits and dots, lowercased. */
    static String normalised(String key) {
        return key.replaceAll("[^a-zA-Z0-9.]+", "").toLowerCase(Locale.ROOT);
    }

    @Override
    public int find(int object, int keys) {
        beforeCall();
        return findIn(value(object), lists.get(keys));
    }

    @Override
    public int[] kinds() {
        return kinds;
    }

    private int findIn(Object object, KeyNames list) {
        int n = list.names().size();
        List<String> keys = new ArrayList<>();
        if (kindOf(object) == OBJECT) {
            for (Object key : ((Map<?, ?>) object).keySet()) {
                keys.add((String) key);
            }
        }
        int count = Math.min(keys.size(), MAX_ITEMS);
        int[] marks = new int[count];
        int record = hold(new Lookup(object, keys, marks));
        boolean[] found = new boolean[n];
        for (int i = 0; i < n; i++) {
            hold(JS_UNDEFINED);
        }
        if (kinds.length <= top()) {
            kinds = java.util.Arrays.copyOf(kinds, Math.max(2 * kinds.length, top() + 1));
        }
        kinds[record] = kindOf(object);
        java.util.Arrays.fill(kinds, record + 1, record + 1 + n, UNDEFINED);
        for (int j = 0; j < count; j++) {
            String key = keys.get(j);
            for (Integer entry : new Integer[] {list.exact().get(key), list.facade().get(normalised(key))}) {
                if (entry == null) {
                    continue;
                }
                if (!found[entry]) {
                    found[entry] = true;
                    Object v = read((Map<?, ?>) object, key);
                    slots.set(record - FIRST_HANDLE + 1 + entry, v);
                    kinds[record + 1 + entry] = kindOf(v) | (truthy(v) ? TRUTHY : 0)
                            | (((Map<?, ?>) object).get(key) == THROWING_GETTER ? THREW : 0);
                }
                if (entry < 31) {
                    marks[j] |= 1 << entry;
                }
            }
        }
        return record;
    }

    @Override
    public int findEach(int array, int keys) {
        beforeCall();
        KeyNames list = lists.get(keys);
        int base = top();
        List<?> elements = value(array) instanceof List<?> l ? l : List.of();
        for (int e = 0; e < Math.min(elements.size(), MAX_ITEMS); e++) {
            findIn(elements.get(e), list);
        }
        return base;
    }

    @Override
    public int length(int array) {
        beforeCall();
        return value(array) instanceof List<?> list ? Math.min(list.size(), MAX_ITEMS) : 0;
    }

    @Override
    public int at(int array, int index) {
        beforeCall();
        return value(array) instanceof List<?> list && index < list.size() ? hold(list.get(index)) : hold(JS_UNDEFINED);
    }

    @Override
    public int kind(int value) {
        beforeCall();
        return kindOf(value(value));
    }

    @Override
    public String text(int value) {
        beforeCall();
        return textOf(value(value));
    }

    @Override
    public int trim(int value) {
        beforeCall();
        return value(value) instanceof String s ? hold(jsTrim(s)) : NO_VALUE;
    }

    /** JavaScript's trim: ECMAScript's WhiteSpace and LineTerminator characters at either end. */
    static String jsTrim(String text) {
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

    static boolean isJsSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r' || c == '\u00a0' || c == '\u1680' || c >= '\u2000' && c <= '\u200a'
                || c == '\u2028' || c == '\u2029' || c == '\u202f' || c == '\u205f' || c == '\u3000' || c == '\ufeff';
    }

    @Override
    public boolean test(String pattern, int value) {
        beforeCall();
        String text = textOf(value(value));
        // Java's engine reads these patterns as JavaScript's does, but for `.` and `$` around \u0085 and
        // a final line break, which no test relies on.
        return text != null && Pattern.compile(javaPattern(pattern), Pattern.CASE_INSENSITIVE).matcher(text).find();
    }

    @Override
    public int which(String pattern, int value) {
        beforeCall();
        String text = textOf(value(value));
        Matcher m = text == null ? null : Pattern.compile(javaPattern(pattern), Pattern.CASE_INSENSITIVE).matcher(text);
        if (m != null && m.find()) {
            for (int group = 1; group <= m.groupCount(); group++) {
                if (m.group(group) != null) {
                    return group;
                }
            }
        }
        return 0;
    }

    @Override
    public double number(int value) {
        beforeCall();
        Object v = value(value);
        return kindOf(v) == NUMBER ? ((Number) v).doubleValue() : Double.NaN;
    }

    @Override
    public double time(int value) {
        beforeCall();
        Object v = value(value);
        if (kindOf(v) == NUMBER) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof JsDate date) {
            return date.time();
        }
        if (v instanceof String s) {
            // Date.parse of the ISO-8601 forms the tests use; anything else is NaN, as in JavaScript.
            try {
                return java.time.Instant.parse(s).toEpochMilli();
            } catch (java.time.format.DateTimeParseException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    @Override
    public String replace(String pattern, String text, String replacement) {
        beforeCall();
        return Pattern.compile(javaPattern(pattern)).matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
    }

    /** JavaScript's \s is its trim's white space; Java's \s is ASCII only. (Nested in a class, it joins it.) */
    private static String javaPattern(String pattern) {
        return pattern.replace("\\s", "[\\s\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]");
    }

    private static final Pattern DECIMAL = Pattern.compile(
            "^[+-]?(Infinity|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)");

    @Override
    public double parseFloat(String text) {
        beforeCall();
        Matcher m = DECIMAL.matcher(jsTrim(text));
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
    public int build(int record, int consumed, int keys, int[] values) {
        beforeCall();
        Map<String, Object> out = new LinkedHashMap<>();
        if (record != NO_VALUE) {
            Lookup lookup = (Lookup) value(record);
            List<Object> path = new ArrayList<>();
            path.add(lookup.object());
            for (int j = 0; j < lookup.marks().length; j++) {
                if ((lookup.marks()[j] & consumed) == 0) {
                    putCopy(out, lookup.keys().get(j), read((Map<?, ?>) lookup.object(), lookup.keys().get(j)), path);
                }
            }
        }
        List<String> names = lists.get(keys).names();
        if (values.length != names.size()) {
            throw new AssertionError(values.length + " values for " + names.size() + " keys " + names);
        }
        for (int i = 0; i < names.size(); i++) {
            if (values[i] != NO_VALUE) {
                Object copy = copy(value(values[i]), new ArrayList<>());
                if (copy != LEFT_OUT) {
                    out.put(names.get(i), copy);
                }
            }
        }
        made.add(out);
        return hold(out);
    }

    @Override
    public int distinct(int[] values, int count) {
        beforeCall();
        List<Object> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = values[i] == NO_VALUE ? null : textOf(value(values[i]));
            if (values[i] != NO_VALUE && !seen.contains(text)) {
                seen.add(text);
                Object c = copy(value(values[i]), new ArrayList<>());
                out.add(c == LEFT_OUT ? null : c);
            }
        }
        made.add(out);
        return hold(out);
    }

    private void putCopy(Map<String, Object> target, String key, Object value, List<Object> path) {
        if ("__proto__".equals(key)) {
            return;
        }
        Object copy = copy(value, path);
        if (copy != LEFT_OUT) {
            target.put(key, copy);
        }
    }

    private Object copy(Object v, List<Object> path) {
        if (made.contains(v)) {
            return v;
        }
        switch (kindOf(v)) {
            case NULL, BOOLEAN, NUMBER, STRING:
                return v;
            case STRINGIFIED:
                return textOf(v);
            case ARRAY, OBJECT:
                break;
            default:
                return LEFT_OUT;
        }
        if (path.size() > MAX_DEPTH || path.stream().anyMatch(enclosing -> enclosing == v)) {
            return LEFT_OUT;
        }
        path.add(v);
        Object result;
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < Math.min(list.size(), MAX_ITEMS); i++) {
                Object c = copy(list.get(i), path);
                out.add(c == LEFT_OUT ? null : c);
            }
            result = out;
        } else {
            Map<String, Object> out = new LinkedHashMap<>();
            int i = 0;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) v).entrySet()) {
                if (i++ >= MAX_ITEMS) {
                    break;
                }
                putCopy(out, (String) entry.getKey(), entry.getValue() == THROWING_GETTER ? JS_UNDEFINED : entry.getValue(),
                        path);
            }
            result = out;
        }
        path.remove(path.size() - 1);
        return result;
    }

    @Override
    public int array(int[] values, int count) {
        beforeCall();
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Object c = copy(value(values[i]), new ArrayList<>());
            out.add(c == LEFT_OUT ? null : c);
        }
        made.add(out);
        return hold(out);
    }

    @Override
    public void repeats(int[] values, int count, int[] repeats) {
        beforeCall();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(textOf(value(values[i])));
            int first = texts.indexOf(texts.get(i));
            repeats[i] = first == i ? 0 : first + 1;
        }
    }

    @Override
    public int template(String json, int... values) {
        beforeCall();
        List<String> names = new ArrayList<>();
        Object out = fill(JsonText.parse(json), names, values);
        made.add(out);
        return hold(out);
    }

    /** port.js's portTemplate: "@name" strings filled in the order the names first appear; no value, no key. */
    private Object fill(Object template, List<String> names, int[] values) {
        if (template instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object filled = fill(v, names, values);
                if (filled != LEFT_OUT) {
                    out.put((String) k, filled);
                }
            });
            made.add(out);
            return out;
        }
        if (template instanceof String text && text.startsWith("@")) {
            if (!names.contains(text)) {
                names.add(text);
            }
            int handle = values[names.indexOf(text)];
            return handle == NO_VALUE ? LEFT_OUT : copy(value(handle), new ArrayList<>());
        }
        return template;
    }

    @Override
    public int listOf(int value) {
        beforeCall();
        List<Object> out = new ArrayList<>();
        if (value != NO_VALUE) {
            Object c = copy(value(value), new ArrayList<>());
            out.add(c == LEFT_OUT ? null : c);
        }
        made.add(out);
        return hold(out);
    }

    @Override
    public int join(int a, String separator, int b) {
        beforeCall();
        return hold(textOf(value(a)) + separator + textOf(value(b)));
    }

    @Override
    public int command(String name, int first, int second) {
        beforeCall();
        List<Object> command = new ArrayList<>();
        command.add(name);
        command.add(value(first));
        if (second != NO_VALUE) {
            command.add(value(second));
        }
        made.add(command);
        return hold(command);
    }

    @Override
    public int ofString(String text) {
        beforeCall();
        return hold(text);
    }

    @Override
    public int ofNumber(double number) {
        beforeCall();
        return hold(number);
    }

    @Override
    public int ofBoolean(boolean value) {
        beforeCall();
        return hold(value);
    }

    @Override
    public int kindAt(int object, String key) {
        beforeCall();
        Object o = value(object);
        if (kindOf(o) != OBJECT) {
            return UNDEFINED;
        }
        Object v = read((Map<?, ?>) o, key);
        return kindOf(v) | (truthy(v) ? TRUTHY : 0) | (((Map<?, ?>) o).get(key) == THROWING_GETTER ? THREW : 0);
    }
}
