package destination.klaviyo.core;

/**
 * The keys that the declarations reading one kind of object (a message's traits, a product) find in
 * it, gathered while they are declared, then looked up in one step: one crossing per object, however
 * many properties read it. A key is a facade key, matched ignoring case and punctuation as obj-case
 * matches it, or, written {@code =key}, that exact key. A key {@code a.b} is the key b of the object
 * at key a: the object at a gets a vocabulary of its own, looked up only when a declaration reads it.
 * Part of the declaration engine, with {@link Declaration}, {@link Found} and {@link KeyList}.
 */
final class Vocabulary {
    /** The entries of a nested key start here: see {@link #key}. */
    static final int NESTED = 32;

    /** The keys, by entry, as declared; {@code children[i]} is the vocabulary of the object at key i. */
    private String[] names = new String[31];
    private Vocabulary[] children = new Vocabulary[31];
    private int size;
    private KeyList keys;

    /**
     * The entry of a key, added when new. For {@code a.b}: {@link #NESTED} times (1 + a's entry), plus
     * b's entry in the vocabulary of the object at a.
     */
    int key(String name) {
        int dot = name.indexOf('.');
        if (dot > 0) {
            int parent = key(name.substring(0, dot));
            if (children[parent] == null) {
                children[parent] = new Vocabulary();
            }
            return (parent + 1) * NESTED + children[parent].key(name.substring(dot + 1));
        }
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        names[size] = name;
        return size++;
    }

    /**
     * Registers the keys with the port, with those of the objects at its keys: when the mapping is
     * made, after every declaration reading this kind of object. Nothing can be declared after.
     */
    void seal(Values values) {
        String list = "";
        for (int i = 0; i < size; i++) {
            list = i == 0 ? names[i] : list.concat(" ").concat(names[i]);
            if (children[i] != null) {
                children[i].seal(values);
            }
        }
        keys = size == 0 ? null : new KeyList(values, list);
    }

    /** Looks every declared key up in an object, in one step; null when no key was declared. */
    Found read(Values values, int object) {
        return keys == null ? null : keys.in(values, object);
    }

    /** Looks every declared key up in each element of an array, in one step. */
    Found[] readEach(Values values, int array) {
        return keys.inEach(values, array);
    }

    /** The vocabulary of the object at an entry's key, or null when nothing is read in it. */
    Vocabulary child(int entry) {
        return children[entry];
    }

    /** The value a lookup found for a declared key, by its name. */
    int value(Found found, String key) {
        return found.value(key(key));
    }

    /** The kind of the value a lookup found for a declared key, by its name. */
    int kind(Found found, String key) {
        return found.kind(key(key));
    }
}
