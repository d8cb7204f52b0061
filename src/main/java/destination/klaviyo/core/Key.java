package destination.klaviyo.core;

/**
 * A key as Segment's facade looks it up (obj-case): keys compare ignoring case and every character but
 * ASCII letters, digits and dots, so {@code $exchange_id}, {@code exchange_id} and {@code exchangeId}
 * are the same key. A Key holds a normalised name and its hash, computed once. ASCII only: no Unicode
 * tables in the bundle.
 */
final class Key {
    final String name;
    final int hash;

    /** {@code normalised}: lowercase letters and digits, as {@link #hash} reads a key. */
    Key(String normalised) {
        name = normalised;
        hash = hash(normalised);
    }

    /** A hash of the key as it normalises: keys that match have the same hash. */
    static int hash(String key) {
        int hash = 0;
        for (int i = 0; i < key.length(); i++) {
            int c = normalised(key.charAt(i));
            if (c >= 0) {
                hash = 31 * hash + c;
            }
        }
        return hash;
    }

    /** Whether {@code key} normalises to this key's name. */
    boolean matches(String key) {
        int t = 0;
        int n = name.length();
        for (int i = 0; i < key.length(); i++) {
            int c = normalised(key.charAt(i));
            if (c >= 0 && (t == n || name.charAt(t++) != c)) {
                return false;
            }
        }
        return t == n;
    }

    /** The character as it normalises: lowercase, or -1 when it is left out. */
    private static int normalised(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c + ('a' - 'A');
        }
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' ? c : -1;
    }
}
