package destination.klaviyo.core;

/**
 * The facade fields the destination reads, by their normalised names: how Segment's facade (obj-case)
 * finds a key, ignoring case and every character but ASCII letters, digits and dots, so that
 * {@code $exchange_id}, {@code exchange_id} and {@code exchangeId} are all {@link #EXCHANGEID}.
 */
final class FacadeKeys {
    /** What obj-case removes from a key before it lowercases it. */
    static final String NOISE = "[^a-zA-Z0-9.]+";

    private FacadeKeys() {
    }

    static final String ADDRESS = "address";
    static final String AVATAR = "avatar";
    static final String CATEGORY = "category";
    static final String CITY = "city";
    static final String COMPANY = "company";
    static final String COUNTRY = "country";
    static final String EMAIL = "email";
    static final String EXCHANGEID = "exchangeid";
    static final String FIRSTNAME = "firstname";
    static final String ID = "id";
    static final String IMAGEURL = "imageurl";
    static final String LASTNAME = "lastname";
    static final String LINE1 = "line1";
    static final String LINE2 = "line2";
    static final String NAME = "name";
    static final String ORDERID = "orderid";
    static final String PHONE = "phone";
    static final String PHONENUMBER = "phonenumber";
    static final String PHONES = "phones";
    static final String POSTALCODE = "postalcode";
    static final String PRICE = "price";
    static final String PRODUCTID = "productid";
    static final String PRODUCTS = "products";
    static final String PRODUCTURL = "producturl";
    static final String QUANTITY = "quantity";
    static final String REGION = "region";
    static final String REVENUE = "revenue";
    static final String SKU = "sku";
    static final String STATE = "state";
    static final String STREET = "street";
    static final String TIMEZONE = "timezone";
    static final String TITLE = "title";
    static final String TOTAL = "total";
    static final String ZIP = "zip";
}
