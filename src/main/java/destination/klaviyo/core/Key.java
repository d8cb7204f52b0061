package destination.klaviyo.core;

/**
 * A key as Segment's facade looks it up (obj-case): keys compare ignoring case and every character but
 * ASCII letters, digits and dots, so {@code $exchange_id}, {@code exchange_id} and {@code exchangeId}
 * are the same key. A Key holds a normalised name and its hash, computed once. ASCII only: no Unicode
 * tables in the bundle.
 */
final class Key {
    // The facade fields the destination reads, by their normalised names.
    static final Key ADDRESS = new Key("address");
    static final Key AVATAR = new Key("avatar");
    static final Key CATEGORY = new Key("category");
    static final Key CITY = new Key("city");
    static final Key COMPANY = new Key("company");
    static final Key COUNTRY = new Key("country");
    static final Key EMAIL = new Key("email");
    static final Key EXCHANGEID = new Key("exchangeid");
    static final Key FIRSTNAME = new Key("firstname");
    static final Key ID = new Key("id");
    static final Key IMAGEURL = new Key("imageurl");
    static final Key LASTNAME = new Key("lastname");
    static final Key LINE1 = new Key("line1");
    static final Key LINE2 = new Key("line2");
    static final Key NAME = new Key("name");
    static final Key ORDERID = new Key("orderid");
    static final Key PHONE = new Key("phone");
    static final Key PHONENUMBER = new Key("phonenumber");
    static final Key PHONES = new Key("phones");
    static final Key POSTALCODE = new Key("postalcode");
    static final Key PRICE = new Key("price");
    static final Key PRODUCTID = new Key("productid");
    static final Key PRODUCTS = new Key("products");
    static final Key PRODUCTURL = new Key("producturl");
    static final Key QUANTITY = new Key("quantity");
    static final Key REGION = new Key("region");
    static final Key REVENUE = new Key("revenue");
    static final Key SKU = new Key("sku");
    static final Key STATE = new Key("state");
    static final Key STREET = new Key("street");
    static final Key TIMEZONE = new Key("timezone");
    static final Key TITLE = new Key("title");
    static final Key TOTAL = new Key("total");
    static final Key ZIP = new Key("zip");

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
