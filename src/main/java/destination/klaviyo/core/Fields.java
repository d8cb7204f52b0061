package destination.klaviyo.core;

/**
 * The own keys of one object of a message, read once, with the keys a mapping has consumed: those are
 * left out when the rest of the object is copied to Klaviyo.
 */
final class Fields {
    private final Values values;
    private final int object;
    private final String[] names;
    private final boolean[] removed;

    Fields(Values values, int object) {
        this.values = values;
        this.object = object;
        int keys = values.keys(object);
        int count = values.length(keys);
        names = new String[count];
        removed = new boolean[count];
        for (int i = 0; i < count; i++) {
            names[i] = values.string(values.at(keys, i));
        }
    }

    /** The keys of a value that should be an object; none when it is missing or anything else. */
    static Fields of(Values values, int value) {
        return new Fields(values, values.kind(value) == Values.OBJECT ? value : Values.NO_VALUE);
    }

    int object() {
        return object;
    }

    int size() {
        return names.length;
    }

    String name(int index) {
        return names[index];
    }

    boolean isRemoved(int index) {
        return removed[index];
    }

    int value(int index) {
        return values.get(object, names[index]);
    }

    /** The index of the first key that matches {@code normalised} as the facade matches keys, or -1. */
    int indexOf(String normalised) {
        for (int i = 0; i < names.length; i++) {
            if (names[i] != null && Keys.matches(names[i], normalised)) {
                return i;
            }
        }
        return -1;
    }

    /** The value of the first key matching {@code normalised}, or undefined. */
    int find(String normalised) {
        int i = indexOf(normalised);
        return i < 0 ? Values.NO_VALUE : value(i);
    }

    /** Like {@link #find}, and the key it came from is consumed. */
    int take(String normalised) {
        int i = indexOf(normalised);
        if (i < 0) {
            return Values.NO_VALUE;
        }
        removed[i] = true;
        return value(i);
    }

    /** Whether the object has exactly this key. */
    boolean has(String key) {
        return exact(key) >= 0;
    }

    /** Consumes exactly this key, as the facade's {@code delete ret[alias]} does. */
    void remove(String key) {
        int i = exact(key);
        if (i >= 0) {
            removed[i] = true;
        }
    }

    private int exact(String key) {
        for (int i = 0; i < names.length; i++) {
            if (key.equals(names[i])) {
                return i;
            }
        }
        return -1;
    }
}
