package destination.klaviyo.browser;

import destination.klaviyo.core.Values;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSByRef;
import org.teavm.jso.JSObject;

/**
 * The core's {@link Values} port over live JavaScript values: each method is one call into
 * src/main/js/port.js, which keeps the value table. The JavaScript shell releases a message's handles
 * when the call that mapped it returns or throws (klaviyoGuard in integration.js).
 */
final class JsValues implements Values {
    /** A handle for a value from the page. */
    @JSBody(params = "v", script = "return portHold(v);")
    static native int hold(JSObject value);

    @JSBody(params = "h", script = "return portSlots[h];")
    static native JSObject value(int handle);

    @Override
    public int keys(String names) {
        return list(names);
    }

    @Override
    public int size(int keys) {
        return size0(keys);
    }

    /** The kinds of found values by handle; port.js asks for a larger table when a lookup needs one. */
    private int[] kinds = new int[1024];

    @Override
    public int find(int object, int keys) {
        return lookUp(object, keys, false);
    }

    @Override
    public int findEach(int array, int keys) {
        return lookUp(array, keys, true);
    }

    /** A find, again with a larger kinds table when port.js says the table is too small. */
    private int lookUp(int value, int keys, boolean each) {
        int record = each ? findEach0(value, keys, kinds) : find0(value, keys, kinds);
        if (record < 0) {
            kinds = new int[Math.max(2 * kinds.length, -record)];
            record = each ? findEach0(value, keys, kinds) : find0(value, keys, kinds);
        }
        return record;
    }

    @Override
    public int[] kinds() {
        return kinds;
    }

    @Override
    public int length(int array) {
        return length0(array);
    }

    @Override
    public int at(int array, int index) {
        return at0(array, index);
    }

    @Override
    public int kind(int value) {
        return kind0(value);
    }

    @Override
    public String text(int value) {
        return text0(value);
    }

    @Override
    public int trim(int value) {
        return trim0(value);
    }

    @Override
    public boolean test(String pattern, int value) {
        return test0(pattern, value);
    }

    @Override
    public int which(String pattern, int value) {
        return which0(pattern, value);
    }

    @Override
    public double number(int value) {
        return number0(value);
    }

    @Override
    public double time(int value) {
        return time0(value);
    }

    @Override
    public String replace(String pattern, String text, String replacement) {
        return replace0(pattern, text, replacement);
    }

    @Override
    public double parseFloat(String text) {
        return parseFloat0(text);
    }

    @Override
    public int build(int record, int consumed, int keys, int[] values) {
        return build0(record, consumed, keys, values);
    }

    @Override
    public int array(int[] values, int count) {
        return array0(values, count);
    }

    @Override
    public int distinct(int[] values, int count) {
        return distinct0(values, count);
    }

    @Override
    public void repeats(int[] values, int count, int[] repeats) {
        repeats0(values, count, repeats);
    }

    @Override
    public int template(String json, int... values) {
        return template0(json, values);
    }

    @Override
    public int listOf(int value) {
        return listOf0(value);
    }

    @Override
    public int join(int a, String separator, int b) {
        return join0(a, separator, b);
    }

    @Override
    public int command(String name, int first, int second) {
        return command0(name, first, second);
    }

    @Override
    public int ofString(String text) {
        return ofString0(text);
    }

    @Override
    public int ofNumber(double number) {
        return ofNumber0(number);
    }

    @Override
    public int ofBoolean(boolean value) {
        return ofBoolean0(value);
    }

    @Override
    public int kindAt(int object, String key) {
        return kindAt0(object, key);
    }

    @JSBody(params = "b", script = "return portHold(!!b);")
    private static native int ofBoolean0(boolean value);

    @JSBody(params = {"h", "k"}, script = "return portKindAt(h, k);")
    private static native int kindAt0(int object, String key);

    @JSBody(params = "n", script = "return portList(n);")
    private static native int list(String names);

    @JSBody(params = "k", script = "return portLists[k].names.length;")
    private static native int size0(int keys);

    @JSBody(params = {"h", "k", "kinds"}, script = "return portFind(h, k, kinds);")
    private static native int find0(int object, int keys, @JSByRef int[] kinds);

    @JSBody(params = {"h", "k", "kinds"}, script = "return portFindEach(h, k, kinds);")
    private static native int findEach0(int array, int keys, @JSByRef int[] kinds);

    @JSBody(params = "h", script = "return portLength(h);")
    private static native int length0(int array);

    @JSBody(params = {"h", "i"}, script = "return portHold(portRead(portSlots[h], i));")
    private static native int at0(int array, int index);

    @JSBody(params = "h", script = "return portKind(portSlots[h]);")
    private static native int kind0(int value);

    @JSBody(params = "h", script = "return portText(portSlots[h]);")
    private static native String text0(int value);

    @JSBody(params = "h", script = "return portTrim(h);")
    private static native int trim0(int value);

    @JSBody(params = {"p", "h"}, script = "return portTest(p, h);")
    private static native boolean test0(String pattern, int value);

    @JSBody(params = {"p", "h"}, script = "return portWhich(p, h);")
    private static native int which0(String pattern, int value);

    @JSBody(params = "h", script = "return portNumber(h);")
    private static native double number0(int value);

    @JSBody(params = "h", script = "return portTime(portSlots[h]);")
    private static native double time0(int value);

    @JSBody(params = {"p", "t", "r"}, script = "return t.replace(portPattern(p, 'g'), r);")
    private static native String replace0(String pattern, String text, String replacement);

    @JSBody(params = "t", script = "return parseFloat(t);")
    private static native double parseFloat0(String text);

    @JSBody(params = {"r", "c", "k", "v"}, script = "return portBuild(r, c, k, v);")
    private static native int build0(int record, int consumed, int keys, @JSByRef int[] values);

    @JSBody(params = {"v", "n"}, script = "return portArray(v, n);")
    private static native int array0(@JSByRef int[] values, int count);

    @JSBody(params = {"v", "n"}, script = "return portDistinct(v, n);")
    private static native int distinct0(@JSByRef int[] values, int count);

    @JSBody(params = {"v", "n", "r"}, script = "portRepeats(v, n, r);")
    private static native void repeats0(@JSByRef int[] values, int count, @JSByRef int[] repeats);

    @JSBody(params = "h", script = "return portListOf(h);")
    private static native int listOf0(int value);

    @JSBody(params = {"t", "v"}, script = "return portTemplate(t, v);")
    private static native int template0(String json, @JSByRef int[] values);

    @JSBody(params = {"a", "s", "b"}, script = "return portJoin(a, s, b);")
    private static native int join0(int a, String separator, int b);

    @JSBody(params = {"n", "a", "b"}, script = "return portCommand(n, a, b);")
    private static native int command0(String name, int first, int second);

    @JSBody(params = "t", script = "return portHold(t);")
    private static native int ofString0(String text);

    @JSBody(params = "n", script = "return portHold(n);")
    private static native int ofNumber0(double number);
}
