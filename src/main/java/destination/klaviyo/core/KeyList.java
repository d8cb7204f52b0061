package destination.klaviyo.core;

/**
 * A list of keys registered with the port once (see {@link Values#keys}): the keys a mapping finds in
 * an object, or the keys it writes. Entries are numbered in the order they are written.
 */
final class KeyList {
    final int id;
    final int size;
    /** The values a build of this list takes, made once: a new int[] a build costs more than the build. */
    private final int[] scratch;
    private boolean lent;

    KeyList(Values values, String names) {
        id = values.keys(names);
        size = values.size(id);
        scratch = new int[size];
    }

    /** Finds this list's keys in an object, in one step. */
    Found in(Values values, int object) {
        return Found.in(values, object, id);
    }

    /** Finds this list's keys in each element of an array, in one step. */
    Found[] inEach(Values values, int array) {
        return Found.inEach(values, array, id, size);
    }

    /**
     * Values to write under this list's keys, by entry ({@link Values#NO_VALUE} leaves a key out), for
     * {@link #build}: fill them, then build. A build of this list inside another's filling (a page's
     * getter may start a message) gets an array of its own.
     */
    int[] values() {
        if (lent) {
            return new int[size];
        }
        lent = true;
        for (int i = 0; i < size; i++) {
            scratch[i] = Values.NO_VALUE;
        }
        return scratch;
    }

    /**
     * A new object: the keys of the object looked up as {@code record} that no consumed entry matched
     * (none for {@link Values#NO_VALUE}), then this list's keys set to {@code mapped}, from {@link #values}.
     */
    int build(Values values, int record, int consumed, int[] mapped) {
        // A build cut short (the page exhausted the stack) leaves the scratch lent: later builds of
        // this list then make arrays of their own, which is slower but right.
        int object = values.build(record, consumed, id, mapped);
        if (mapped == scratch) {
            lent = false;
        }
        return object;
    }

    /** Gives back the values {@link #values} lent when nothing is built with them. */
    void giveBack(int[] mapped) {
        if (mapped == scratch) {
            lent = false;
        }
    }
}
