package destination.klaviyo.core;

/**
 * A list of keys registered with the port once (see {@link Values#keys}): the keys a mapping finds in
 * an object, or the keys it writes. Entries are numbered in the order they are written.
 */
final class KeyList {
    final int id;
    final int size;

    KeyList(Values values, String names) {
        id = values.keys(names);
        int count = 1;
        for (int space = names.indexOf(' '); space >= 0; space = names.indexOf(' ', space + 1)) {
            count++;
        }
        size = count;
    }

    /** Finds this list's keys in an object, in one step. */
    Found in(Values values, int object) {
        return Found.in(values, object, id, size);
    }

    /** Finds this list's keys in each element of an array, in one step. */
    Found[] inEach(Values values, int array) {
        return Found.inEach(values, array, id, size);
    }

    /** Values to write under this list's keys, by entry: {@link Values#NO_VALUE} leaves a key out. */
    int[] values() {
        return new int[size];
    }

    /** The bit that marks entry {@code entry} as consumed, for {@link Values#build}. */
    static int bit(int entry) {
        return 1 << entry;
    }
}
