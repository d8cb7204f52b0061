package destination.klaviyo.browser;

import destination.klaviyo.core.Values;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The core's {@link Values} port over live JavaScript values. Handles index a JS array, filled up to
 * its property {@code t}; a message's handles are released when it has been mapped ({@link #mark}/
 * {@link #release}), so nested calls (a getter that calls analytics) keep their own. Every read is guarded: a property read that throws, a
 * revoked proxy, a hostile toString tag give undefined or {@link Values#OTHER}, never an exception.
 */
final class JsValues implements Values {
    private final JSObject slots = createSlots();
    /** The RegExp objects made so far, by pattern, and the keys normalised so far. */
    private final JSObject patterns = createPatterns();

    @JSBody(script = "var s = [void 0, null]; s.t = 2; return s;")
    private static native JSObject createSlots();

    @JSBody(script = "return Object.create(null);")
    private static native JSObject createPatterns();

    /** A handle for a value from the page. */
    int hold(JSObject value) {
        return push(slots, value);
    }

    JSObject value(int handle) {
        return value(slots, handle);
    }

    int mark() {
        return top(slots);
    }

    /**
     * Drops the handles made since {@code mark}, so the table never keeps a message (or the settings,
     * with whatever a page put in them) reachable once it has been mapped. The slots are emptied, not
     * cut off: shortening an array costs more than the whole of a small message.
     */
    void release(int mark) {
        release(slots, mark);
    }

    @Override
    public int kind(int value) {
        return kind(slots, value);
    }

    @Override
    public int get(int object, String key) {
        return get(slots, object, key);
    }

    @Override
    public int keys(int object) {
        return keys(slots, object);
    }

    @Override
    public int valueAt(int object, int keys, int index) {
        return valueAt(slots, object, keys, index);
    }

    @Override
    public void putAt(int object, int keys, int index, int value) {
        putAt(slots, object, keys, index, value);
    }

    @Override
    public int copyPlainAt(int target, int source, int keys, int index) {
        return copyPlainAt(slots, target, source, keys, index);
    }

    @Override
    public int length(int array) {
        return arrayLength(slots, array);
    }

    @Override
    public int at(int array, int index) {
        return at(slots, array, index);
    }

    @Override
    public String string(int value) {
        return string(slots, value);
    }

    @Override
    public boolean truthy(int value) {
        return truthy(slots, value);
    }

    @Override
    public boolean same(int a, int b) {
        return same(slots, a, b);
    }

    @Override
    public double parseFloat(String text) {
        return parse(text);
    }

    @Override
    public boolean test(String pattern, String text) {
        return test(patterns, pattern, text);
    }

    @Override
    public String replace(String pattern, String text, String replacement) {
        return replaceAll(patterns, pattern, text, replacement);
    }

    @Override
    public int normalised(String pattern, int array) {
        return normalised(slots, patterns, pattern, array);
    }

    @Override
    public int indexOf(int array, String text, int from) {
        return indexOf(slots, array, text, from);
    }

    @Override
    public String concat(String a, String b) {
        return join(a, b);
    }

    @Override
    public String trim(String text) {
        return trimmed(text);
    }

    @Override
    public int newObject() {
        return newObject(slots);
    }

    @Override
    public int newArray() {
        return newArray(slots);
    }

    @Override
    public void put(int object, String key, int value) {
        put(slots, object, key, value);
    }

    @Override
    public void push(int array, int value) {
        pushElement(slots, array, value);
    }

    @Override
    public int ofString(String text) {
        return pushString(slots, text);
    }

    @Override
    public int ofNumber(double number) {
        return pushNumber(slots, number);
    }

    @JSBody(params = {"s", "v"}, script = "s[s.t] = v; return s.t++;")
    private static native int push(JSObject s, JSObject v);

    @JSBody(params = {"s", "h"}, script = "return s[h];")
    private static native JSObject value(JSObject s, int h);

    @JSBody(params = "s", script = "return s.t;")
    private static native int top(JSObject s);

    @JSBody(params = {"s", "m"}, script = "for (var i = s.t; i > m;) s[--i] = void 0; s.t = m;")
    private static native void release(JSObject s, int mark);

    // The kinds are Values' constants: 0 undefined, 1 null, 2 boolean, 3 number, 4 string, 5 array,
    // 6 object, 7 stringified (Date, BigInt), 8 other.
    @JSBody(params = {"s", "h"}, script = "var v = s[h], t = typeof v;"
            + "if (v == null) return v === null ? 1 : 0;"
            + "if (t != 'object') return t == 'boolean' ? 2 : t == 'number' ? (isFinite(v) ? 3 : 8) : t == 'string' ? 4"
            + "  : t == 'bigint' ? 7 : 8;"
            + "try { if (Array.isArray(v)) return 5; t = Object.prototype.toString.call(v);"
            + "  return t == '[object Object]' ? 6 : t == '[object Date]' && isFinite(Date.prototype.getTime.call(v)) ? 7 : 8;"
            + "} catch (e) { return 8; }")
    private static native int kind(JSObject s, int h);

    @JSBody(params = {"s", "o", "k"}, script = "var x = s[o], v;"
            + "try { if (x !== null && typeof x == 'object' && Object.prototype.hasOwnProperty.call(x, k)) v = x[k]; }"
            + "catch (e) {} s[s.t] = v; return s.t++;")
    private static native int get(JSObject s, int o, String k);

    @JSBody(params = {"s", "o"}, script = "var x = s[o], k = [];"
            + "try { if (x !== null && typeof x == 'object') k = Object.keys(x); } catch (e) {}"
            + "s[s.t] = k; return s.t++;")
    private static native int keys(JSObject s, int o);

    @JSBody(params = {"s", "o", "k", "i"}, script = "var v; try { v = s[o][s[k][i]]; } catch (e) {} s[s.t] = v; return s.t++;")
    private static native int valueAt(JSObject s, int o, int k, int i);

    @JSBody(params = {"s", "o", "k", "i", "v"}, script = "var key = s[k][i]; if (key !== '__proto__') s[o][key] = s[v];")
    private static native void putAt(JSObject s, int o, int k, int i, int v);

    @JSBody(params = {"s", "d", "o", "n", "i"}, script = "var k = s[n][i], v, t;"
            + "try { v = s[o][k]; } catch (e) { return 0; }"
            + "if (v === void 0 || k === '__proto__') return 0; t = typeof v;"
            + "if (v === null || t == 'string' || t == 'boolean' || t == 'number' && isFinite(v)) { s[d][k] = v; return 0; }"
            + "s[s.t] = v; return s.t++;")
    private static native int copyPlainAt(JSObject s, int d, int o, int n, int i);

    @JSBody(params = {"s", "a"}, script = "try { var n = s[a].length; return n > 0 ? Math.min(n, 1e7) : 0; }"
            + "catch (e) { return 0; }")
    private static native int arrayLength(JSObject s, int a);

    @JSBody(params = {"s", "a", "i"}, script = "var v; try { v = s[a][i]; } catch (e) {} s[s.t] = v; return s.t++;")
    private static native int at(JSObject s, int a, int i);

    @JSBody(params = {"s", "h"}, script = "var v = s[h], t = typeof v;"
            + "if (t == 'string') return v; if (t == 'number') return isFinite(v) ? String(v) : null;"
            + "if (t == 'bigint') return String(v);"
            + "try { return Date.prototype.toISOString.call(v); } catch (e) { return null; }")
    private static native String string(JSObject s, int h);

    @JSBody(params = {"s", "h"}, script = "return !!s[h];")
    private static native boolean truthy(JSObject s, int h);

    @JSBody(params = {"s", "a", "b"}, script = "return s[a] === s[b];")
    private static native boolean same(JSObject s, int a, int b);

    @JSBody(params = "t", script = "return parseFloat(t);")
    private static native double parse(String t);

    @JSBody(params = {"c", "p", "t"}, script = "return (c[p] || (c[p] = new RegExp(p, 'i'))).test(t);")
    private static native boolean test(JSObject cache, String p, String t);

    // Global patterns are cached under a space-prefixed key: apart from the case-insensitive ones.
    @JSBody(params = {"c", "p", "t", "r"}, script = "var g = ' ' + p;"
            + "return t.replace(c[g] || (c[g] = new RegExp(p, 'g')), r);")
    private static native String replaceAll(JSObject cache, String p, String t, String r);

    // Remembered per pattern, at most 1000 texts (then forgotten at once): pages reuse their keys.
    @JSBody(params = {"s", "c", "p", "a"}, script = "var k = '\\n' + p, m = c[k], r;"
            + "if (!m || m.size > 999) m = c[k] = new Map();"
            + "r = s[a].map(function (t) { var n = m.get(t);"
            + "  if (n === void 0) m.set(t, n = t.replace(new RegExp(p, 'g'), '').toLowerCase()); return n; });"
            + "s[s.t] = r; return s.t++;")
    private static native int normalised(JSObject slots, JSObject cache, String p, int a);

    @JSBody(params = {"s", "a", "t", "i"}, script = "return s[a].indexOf(t, i);")
    private static native int indexOf(JSObject slots, int a, String t, int i);

    @JSBody(params = {"a", "b"}, script = "return a + b;")
    private static native String join(String a, String b);

    @JSBody(params = "t", script = "return t.trim();")
    private static native String trimmed(String t);

    @JSBody(params = "s", script = "s[s.t] = {}; return s.t++;")
    private static native int newObject(JSObject s);

    @JSBody(params = "s", script = "s[s.t] = []; return s.t++;")
    private static native int newArray(JSObject s);

    // The core never passes __proto__; checked here too, since an assignment to it would set a prototype.
    @JSBody(params = {"s", "o", "k", "v"}, script = "if (k !== '__proto__') s[o][k] = s[v];")
    private static native void put(JSObject s, int o, String k, int v);

    @JSBody(params = {"s", "a", "v"}, script = "s[a].push(s[v]);")
    private static native void pushElement(JSObject s, int a, int v);

    @JSBody(params = {"s", "t"}, script = "s[s.t] = t; return s.t++;")
    private static native int pushString(JSObject s, String t);

    @JSBody(params = {"s", "n"}, script = "s[s.t] = n; return s.t++;")
    private static native int pushNumber(JSObject s, double n);
}
