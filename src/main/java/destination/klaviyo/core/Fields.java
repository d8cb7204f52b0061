package destination.klaviyo.core;

/**
 * The own keys of one object of a message, read once and normalised as the facade finds keys (see
 * {@link FacadeKeys}), with the keys a mapping has consumed: those are left out when the rest of the
 * object is copied to Klaviyo.
 */
final class Fields {
    private final Values values;
    private final int object;
    private final int keys;
    /** The keys; null for a key a mapping consumed. */
    private final String[] names;
    private final String[] normalised;

    Fields(Values values, int object) {
        this.values = values;
        this.object = object;
        keys = values.keys(object);
        int count = values.length(keys);
        names = new String[count];
        normalised = new String[count];
        for (int i = 0; i < count; i++) {
            String name = values.string(values.at(keys, i));
            names[i] = name;
            normalised[i] = values.normalise(FacadeKeys.NOISE, name);
        }
    }

    /** The keys of a value that should be an object; none when it is missing or anything else. */
    static Fields of(Values values, int value) {
        return new Fields(values, values.kind(value) == Values.OBJECT ? value : Values.NO_VALUE);
    }

    int object() {
        return object;
    }

    /** The handle of the object's keys, for {@link Values#valueAt} and {@link Values#putAt}. */
    int keys() {
        return keys;
    }

    int size() {
        return names.length;
    }

    String name(int index) {
        return names[index];
    }

    boolean isRemoved(int index) {
        return names[index] == null;
    }

    int value(int index) {
        return values.valueAt(object, keys, index);
    }

    /** The index of the first remaining key that normalises to {@code key} (see {@link FacadeKeys}), or -1. */
    int indexOf(String key) {
        for (int i = 0; i < names.length; i++) {
            if (names[i] != null && key.equals(normalised[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The value of the first key matching {@code key}, or undefined. */
    int find(String key) {
        int i = indexOf(key);
        return i < 0 ? Values.NO_VALUE : value(i);
    }

    /** Like {@link #find}, and the key it came from is consumed. */
    int take(String key) {
        int i = indexOf(key);
        if (i < 0) {
            return Values.NO_VALUE;
        }
        int value = value(i);
        names[i] = null;
        return value;
    }

    /** Whether the object has exactly this key. */
    boolean has(String key) {
        return exact(key) >= 0;
    }

    /** Consumes exactly this key, as the facade's {@code delete ret[alias]} does. */
    void remove(String key) {
        int i = exact(key);
        if (i >= 0) {
            names[i] = null;
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
