package destination.klaviyo.core;

/**
 * The keys that the declarations reading one kind of object (an event's properties, a product) find
 * in it, gathered while they are declared, then looked up in one step: one crossing per object,
 * however many properties the declarations read. Keys are facade keys (matched ignoring case and
 * punctuation, as obj-case does); a key starting with {@code =} is matched exactly.
 *
 * <p>Declare every {@link Shape} and {@link #key} first, then {@link #seal} the list when the mapping
 * is made.
 */
final class Vocabulary {
    private final Values values;
    /** The port's key list, growing while shapes are declared. */
    final int id;
    private KeyList keys;

    Vocabulary(Values values) {
        this.values = values;
        id = values.keys("");
    }

    /** The entry of a key in this vocabulary's lookups, added when new. */
    int key(String name) {
        return values.key(id, name);
    }

    /** Nothing can be declared after: the lookups know their size. */
    void seal() {
        keys = new KeyList(values, id);
    }

    /** Looks every declared key up in an object, in one step. */
    Found read(int object) {
        return keys.in(values, object);
    }

    /** Looks every declared key up in each element of an array, in one step. */
    Found[] readEach(int array) {
        return keys.inEach(values, array);
    }
}
