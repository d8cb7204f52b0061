package destination.klaviyo.core;

/**
 * The own keys of one object of a message, read once and normalised as the facade finds keys (see
 * {@link FacadeKeys}), with the keys a mapping has consumed: those are left out when the rest of the
 * object is copied to Klaviyo. The keys stay on the values' side: no key becomes a Java string.
 */
final class Fields {
    private final Values values;
    private final int object;
    private final int keys;
    private final int normalised;
    private final int size;
    /** Which keys a mapping consumed; made at the first. */
    private boolean[] removed;

    /** No keys: what a missing object, or a value that is not one, has. */
    private static final Fields NONE = new Fields();

    Fields(Values values, int object) {
        this.values = values;
        this.object = object;
        keys = values.keys(object);
        size = values.length(keys);
        normalised = values.normalised(FacadeKeys.NOISE, keys);
    }

    private Fields() {
        values = null;
        object = Values.NO_VALUE;
        keys = Values.NO_VALUE;
        normalised = Values.NO_VALUE;
        size = 0;
    }

    /** The keys of a value that should be an object; none when it is missing or anything else. */
    static Fields of(Values values, int value) {
        return values.kind(value) == Values.OBJECT ? new Fields(values, value) : NONE;
    }

    int object() {
        return object;
    }

    /** The handle of the object's keys, for {@link Values#valueAt} and {@link Values#putAt}. */
    int keys() {
        return keys;
    }

    int size() {
        return size;
    }

    boolean isRemoved(int index) {
        return removed != null && removed[index];
    }

    int value(int index) {
        return values.valueAt(object, keys, index);
    }

    /** The index of the first remaining key that normalises to {@code key} (see {@link FacadeKeys}), or -1. */
    int indexOf(String key) {
        if (size == 0) {
            return -1;
        }
        int i = values.indexOf(normalised, key, 0);
        while (i >= 0 && isRemoved(i)) {
            i = values.indexOf(normalised, key, i + 1);
        }
        return i;
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
        remove(i);
        return value(i);
    }

    /** Whether the object has exactly this key. */
    boolean has(String key) {
        return size > 0 && values.indexOf(keys, key, 0) >= 0;
    }

    /** Consumes exactly this key, as the facade's {@code delete ret[alias]} does. */
    void remove(String key) {
        int i = size == 0 ? -1 : values.indexOf(keys, key, 0);
        if (i >= 0) {
            remove(i);
        }
    }

    private void remove(int index) {
        if (removed == null) {
            removed = new boolean[size];
        }
        removed[index] = true;
    }
}
