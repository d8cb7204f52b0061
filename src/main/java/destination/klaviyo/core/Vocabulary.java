package destination.klaviyo.core;

/**
 * The keys that the declarations reading one kind of object (an event's properties, a product) find
 * in it, gathered while they are declared, then looked up in one step: one crossing per object,
 * however many properties the declarations read. Keys are facade keys (matched ignoring case and
 * punctuation, as obj-case does); a key starting with {@code =} is matched exactly.
 *
 * <p>Declare every {@link Shape} and {@link #key} first, then {@link #seal} the list (when the mapping
 * is made, so that no message pays for it).
 */
final class Vocabulary {
    private final Values values;
    private final String[] names = new String[31];
    private int size;
    private KeyList keys;

    Vocabulary(Values values) {
        this.values = values;
    }

    /** The entry of a key in this vocabulary's lookups, added when new. */
    int key(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        names[size] = name;
        return size++;
    }

    /** Looks every declared key up in an object, in one step. */
    Found read(int object) {
        return keys().in(values, object);
    }

    /** Looks every declared key up in each element of an array, in one step. */
    Found[] readEach(int array) {
        return keys().inEach(values, array);
    }

    /** Registers the keys with the port: nothing can be declared after. */
    void seal() {
        keys();
    }

    private KeyList keys() {
        if (keys == null) {
            String list = names[0];
            for (int i = 1; i < size; i++) {
                list += " " + names[i];
            }
            keys = new KeyList(values, list);
        }
        return keys;
    }
}
