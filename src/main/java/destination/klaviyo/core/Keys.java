package destination.klaviyo.core;

/**
 * Key matching as Segment's facade does it (obj-case): keys compare ignoring case and every character
 * but ASCII letters, digits and dots, so {@code $exchange_id}, {@code exchange_id} and
 * {@code exchangeId} are the same key. ASCII only: no Unicode tables in the bundle.
 */
final class Keys {
    private Keys() {
    }

    /** Whether {@code key} normalises to {@code target}, which is given normalised (lowercase letters, digits). */
    static boolean matches(String key, String target) {
        int t = 0;
        int n = target.length();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.')) {
                continue;
            }
            if (t == n || target.charAt(t++) != c) {
                return false;
            }
        }
        return t == n;
    }
}
