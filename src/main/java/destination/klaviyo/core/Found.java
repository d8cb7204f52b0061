package destination.klaviyo.core;

/**
 * What one {@link Values#find} found in an object: for each entry of a key list, its value and kind.
 * Entries are numbered as in the list. The kinds come with the lookup, so asking costs nothing. Part
 * of the declaration engine; outside it, a class reads each key by the name of its entry: an int
 * constant named after the key, beside the list in an interface of the class (ReadsByNameTest checks
 * that each names its key), or {@link #ONLY} in a list of one key.
 */
final class Found {
    private static final int KIND = 15;
    /** The entry of a list of one key. */
    static final int ONLY = 0;

    private final int record;
    /** The port's table of kinds by handle, as it was after this lookup. */
    private final int[] kinds;

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

    // The readings of a declared source (docs/rules.md) that the methods above do not give, for the
    // code compiled from the declarations (Rules). A missing value is Values.NO_VALUE.

    /** An identifier that is not 0: the facade's {@code a || b} on ids. */
    int known(int entry) {
        return truthy(entry) ? identifier(entry) : Values.NO_VALUE;
    }

    /** A non-empty string. */
    int string(int entry) {
        return kind(entry) == Values.STRING ? ifTruthy(entry) : Values.NO_VALUE;
    }

    /** A string without the white space at its ends (the facade trims a name's parts). */
    int clean(Values values, int entry) {
        return kind(entry) == Values.STRING ? values.trim(value(entry)) : Values.NO_VALUE;
    }

    /** The facade's firstName() from a name: what comes before the first space of the trimmed string. */
    int before(Values values, int entry) {
        return name(values, entry, true);
    }

    /** The facade's lastName() from a name: what follows its first space and the spaces after it; none without one. */
    int after(Values values, int entry) {
        return name(values, entry, false);
    }

    private int name(Values values, int entry, boolean first) {
        if (kind(entry) != Values.STRING) {
            return Values.NO_VALUE;
        }
        String name = values.text(values.trim(value(entry)));
        String part = values.replace(first ? " [\\s\\S]*" : "^[^ ]* \\s*", name, "");
        return !first && part.equals(name) ? Values.NO_VALUE : values.ofString(part);
    }

    /** An array. */
    int array(int entry) {
        return kind(entry) == Values.ARRAY ? value(entry) : Values.NO_VALUE;
    }

    /** The first element of an array, unless it is undefined or null. */
    int first(Values values, int entry) {
        int first = kind(entry) == Values.ARRAY ? values.at(value(entry), 0) : Values.NO_VALUE;
        int kind = values.kind(first);
        return kind == Values.UNDEFINED || kind == Values.NULL ? Values.NO_VALUE : first;
    }

    /** A truthy value JSON has a form for, else 1: a product's quantity. */
    int quantity(Values values, int entry) {
        return truthy(entry) && present(entry) != Values.NO_VALUE ? value(entry) : values.ofNumber(1);
    }

    /** A given value that looks like an email address ({@link Identify#EMAIL_PATTERN}). */
    static int email(Values values, int value) {
        return value != Values.NO_VALUE && values.test(Identify.EMAIL_PATTERN, value) ? value : Values.NO_VALUE;
    }

    /**
     * Leaves out each of {@code count} copies, from {@code m[from]} on, whose name the object has as a
     * property of its own ({@code own}: those names, exact, in the same order): looked up once, only
     * when a copy has a value.
     */
    static void unlessOwn(Values values, int[] m, int from, int count, KeyList own, int object) {
        Found found = null;
        for (int i = 0; i < count; i++) {
            if (m[from + i] != Values.NO_VALUE) {
                found = found != null ? found : own.in(values, object);
                m[from + i] = found.kind(i) == Values.UNDEFINED ? m[from + i] : Values.NO_VALUE;
            }
        }
    }
}
