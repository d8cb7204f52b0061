package destination.klaviyo.core;

/**
 * Copies what a page passed into plain JSON data for Klaviyo. The result is what
 * {@code JSON.stringify} would keep, with the cases where it would throw or run page code made safe:
 * <ul>
 *   <li>strings, finite numbers, booleans and null are kept as they are;</li>
 *   <li>Dates become ISO-8601 strings, BigInts their decimal digits (JSON.stringify throws on them);</li>
 *   <li>functions, symbols, NaN, the infinities, DOM nodes and other exotic objects are left out of
 *       objects and become null in arrays;</li>
 *   <li>a reference back to an enclosing object or array (a cycle) is left out, so is anything nested
 *       deeper than {@value #MAX_DEPTH} levels;</li>
 *   <li>arrays keep their first {@value #MAX_ITEMS} elements and objects their first
 *       {@value #MAX_ITEMS} keys; keys named {@code __proto__} are left out;</li>
 *   <li>{@code toJSON} methods and getters' side effects aside, no page code runs: only own
 *       enumerable properties are read.</li>
 * </ul>
 * The page's objects are only read, never written.
 */
final class JsonCopy {
    static final int MAX_DEPTH = 10;
    static final int MAX_ITEMS = 1000;
    /** What {@link #copy} returns for a value JSON has no place for. */
    static final int LEFT_OUT = -1;

    private final Values values;
    /** The objects and arrays being copied, outermost first: a value that is one of them is a cycle. */
    private final int[] enclosing = new int[MAX_DEPTH + 1];
    private int depth;

    JsonCopy(Values values) {
        this.values = values;
    }

    /** A JSON copy of {@code value}, or {@link #LEFT_OUT}. */
    int copy(int value) {
        switch (values.kind(value)) {
            case Values.NULL:
            case Values.BOOLEAN:
            case Values.NUMBER:
            case Values.STRING:
                // Immutable: the page's own value is already plain JSON.
                return value;
            case Values.STRINGIFIED:
                return values.ofString(values.string(value));
            case Values.ARRAY:
                return enter(value) ? array(value) : LEFT_OUT;
            case Values.OBJECT:
                return enter(value) ? object(value) : LEFT_OUT;
            default:
                return LEFT_OUT;
        }
    }

    /**
     * Copies the keys of a message's object that no mapping consumed into {@code target}; returns
     * target. The object counts as the outermost level: a reference back to it is a cycle.
     */
    int copyRest(Fields fields, int target) {
        enclosing[depth++] = fields.object();
        return leave(copyFields(fields, target));
    }

    private int copyFields(Fields fields, int target) {
        int n = Math.min(fields.size(), MAX_ITEMS);
        for (int i = 0; i < n; i++) {
            if (!fields.isRemoved(i)) {
                putAt(target, fields.object(), fields.keys(), i);
            }
        }
        return target;
    }

    /** A nested object: its keys are copied as they are, without looking at them. */
    private int object(int source) {
        int target = values.newObject();
        int keys = values.keys(source);
        int n = Math.min(values.length(keys), MAX_ITEMS);
        for (int i = 0; i < n; i++) {
            putAt(target, source, keys, i);
        }
        return leave(target);
    }

    private void putAt(int target, int source, int keys, int index) {
        int value = values.copyPlainAt(target, source, keys, index);
        if (value != Values.NO_VALUE) {
            int copy = copy(value);
            if (copy != LEFT_OUT) {
                values.putAt(target, keys, index, copy);
            }
        }
    }

    /** Sets {@code target[key]} to a copy of {@code value}, unless JSON has no place for it. */
    void put(int target, String key, int value) {
        int copy = copy(value);
        if (copy != LEFT_OUT) {
            values.put(target, key, copy);
        }
    }

    private int array(int source) {
        int target = values.newArray();
        int n = Math.min(values.length(source), MAX_ITEMS);
        for (int i = 0; i < n; i++) {
            int copy = copy(values.at(source, i));
            values.push(target, copy == LEFT_OUT ? Values.NULL_VALUE : copy);
        }
        return leave(target);
    }

    private boolean enter(int container) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        for (int i = 0; i < depth; i++) {
            if (values.same(enclosing[i], container)) {
                return false;
            }
        }
        enclosing[depth++] = container;
        return true;
    }

    private int leave(int copy) {
        depth--;
        return copy;
    }
}
