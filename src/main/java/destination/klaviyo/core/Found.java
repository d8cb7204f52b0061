package destination.klaviyo.core;

/**
 * What one {@link Values#find} found in an object: for each entry of a key list, its value and kind.
 * Entries are numbered as in the list. The kinds come with the lookup, so asking costs nothing. Part
 * of the declaration engine: outside it, a lookup is read key after key ({@link #next}).
 */
final class Found {
    private static final int KIND = 15;

    private final int record;
    /** The port's table of kinds by handle, as it was after this lookup. */
    private final int[] kinds;
    /** The entry {@link #next} moved to: the one the reads without an entry read. */
    private int current = -1;

    private Found(int record, int[] kinds) {
        this.record = record;
        this.kinds = kinds;
    }

    /** Looks up a key list in a value, in one step. */
    static Found in(Values values, int object, int keys) {
        int record = values.find(object, keys);
        return new Found(record, values.kinds());
    }

    /** Looks up a key list (of {@code size} entries) in each element of an array, in one step. */
    static Found[] inEach(Values values, int array, int keys, int size) {
        int count = values.length(array);
        int base = count == 0 ? Values.NO_VALUE : values.findEach(array, keys);
        int[] kinds = values.kinds();
        Found[] each = new Found[count];
        for (int e = 0; e < count; e++) {
            each[e] = new Found(base + e * (size + 1), kinds);
        }
        return each;
    }

    /** The record of the lookup, for {@link Values#build}. */
    int record() {
        return record;
    }

    /** Whether the value looked in was a plain object (else nothing was found in it). */
    boolean isObject() {
        return kinds[record] == Values.OBJECT;
    }

    /** The entry's value, or {@link Values#NO_VALUE} when it is undefined. */
    int value(int entry) {
        return kind(entry) == Values.UNDEFINED ? Values.NO_VALUE : record + 1 + entry;
    }

    int kind(int entry) {
        return kinds[record + 1 + entry] & KIND;
    }

    /** Whether reading the entry threw (a getter or a Proxy trap): its value is undefined. */
    boolean threw(int entry) {
        return (kinds[record + 1 + entry] & Values.THREW) != 0;
    }

    boolean truthy(int entry) {
        return (kinds[record + 1 + entry] & Values.TRUTHY) != 0;
    }

    /** The value when it is truthy, else {@link Values#NO_VALUE}: the facade's {@code a || b}. */
    int ifTruthy(int entry) {
        return truthy(entry) ? record + 1 + entry : Values.NO_VALUE;
    }

    /**
     * The entry's value when it can stand in for a Klaviyo property: present (not undefined, not null)
     * and with a JSON form; else {@link Values#NO_VALUE}.
     */
    int present(int entry) {
        int kind = kind(entry);
        return kind == Values.UNDEFINED || kind == Values.NULL || kind == Values.OTHER ? Values.NO_VALUE
                : record + 1 + entry;
    }

    /**
     * The entry's value when it can identify something (a person, an order, a product): a non-empty
     * string or a finite number; else {@link Values#NO_VALUE}.
     */
    int identifier(int entry) {
        int kind = kind(entry);
        return kind == Values.NUMBER || kind == Values.STRING && truthy(entry) ? record + 1 + entry : Values.NO_VALUE;
    }

    /**
     * Moves to the next entry, in the order the key list names its keys; the reads without an entry
     * read that one. How a class outside the engine reads a lookup: its keys one after the other.
     */
    Found next() {
        current++;
        return this;
    }

    int value() {
        return value(current);
    }

    int kind() {
        return kind(current);
    }

    boolean truthy() {
        return truthy(current);
    }

    boolean threw() {
        return threw(current);
    }

    int ifTruthy() {
        return ifTruthy(current);
    }

    int identifier() {
        return identifier(current);
    }
}
