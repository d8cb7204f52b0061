package destination.klaviyo.core;

/**
 * One product of Segment's ecommerce spec, read for Klaviyo's ecommerce metrics: the properties of a
 * single-product event (Product Viewed, Product Added...) or an entry of {@code products}, or an item
 * of the cart this tab remembers. https://segment.com/docs/connections/spec/ecommerce/v2/#product-viewed
 *
 * <p>Fields are found as the facade finds keys (ignoring case and punctuation): the id is product_id,
 * else id; the url is url, else productUrl; the image is image_url or imageUrl. Identifiers, names,
 * brands, categories and addresses are non-empty strings or finite numbers; the price reads as
 * currency, as revenue does ({@code "$12.50"} is 12.5, and 0 is a price); the quantity is a positive
 * number, else 1.
 */
final class Product {
    /** The product's keys, as the facade finds them. Single-product events' key lists start with these. */
    static final String KEYS = "productid id sku name brand category price quantity url producturl imageurl"
            + " compareatprice";
    static final int PRODUCT_ID = 0;
    static final int ID = 1;
    static final int SKU = 2;
    static final int NAME = 3;
    static final int BRAND = 4;
    static final int CATEGORY = 5;
    static final int PRICE = 6;
    static final int QUANTITY = 7;
    static final int URL = 8;
    static final int PRODUCT_URL = 9;
    static final int IMAGE_URL = 10;
    static final int COMPARE_AT_PRICE = 11;

    /**
     * The keys of an item of the remembered cart, read back exactly as Added to Cart's Items wrote them:
     * what {@link Cart} stores is those Items.
     */
    static final String STORED_KEYS = "=ProductID =SKU =ProductName =Quantity =ItemPrice =ProductURL =ImageURL"
            + " =ProductCategories";

    int id;
    int sku;
    int name;
    int brand;
    /** The one category of a Segment product, or {@link Values#NO_VALUE}. */
    int category;
    int url;
    int image;
    /** NaN when there is none. */
    double price;
    double compareAtPrice;
    double quantity;
    /** The texts of id and sku, for telling two lines of a cart apart; read when first needed. */
    private String key;

    private Product() {
    }

    /** A Segment product, from a lookup of {@link #KEYS} (or of a list that starts with them). */
    static Product read(Values values, Found fields) {
        Product p = new Product();
        p.id = or(fields.identifier(PRODUCT_ID), fields.identifier(ID));
        p.sku = fields.identifier(SKU);
        p.name = fields.identifier(NAME);
        p.brand = fields.identifier(BRAND);
        p.category = fields.identifier(CATEGORY);
        p.url = or(fields.identifier(URL), fields.identifier(PRODUCT_URL));
        p.image = fields.identifier(IMAGE_URL);
        p.price = Revenue.number(values, fields, PRICE);
        p.compareAtPrice = Revenue.number(values, fields, COMPARE_AT_PRICE);
        double quantity = Revenue.number(values, fields, QUANTITY);
        p.quantity = quantity > 0 ? quantity : 1;
        return p;
    }

    /**
     * An item of the remembered cart, from a lookup of {@link #STORED_KEYS}; null when it is not what
     * the destination wrote (edited, corrupt, or from another version).
     */
    static Product stored(Values values, Found item) {
        if (!item.isObject() || !optional(item, 0) || !optional(item, 1) || !optional(item, 2)
                || !optional(item, 5) || !optional(item, 6) || item.kind(3) != Values.NUMBER
                || !(item.kind(4) == Values.UNDEFINED || item.kind(4) == Values.NUMBER)
                || item.kind(7) != Values.ARRAY) {
            return null;
        }
        Product p = new Product();
        p.id = item.value(0);
        p.sku = item.value(1);
        p.name = item.value(2);
        p.quantity = values.number(item.value(3));
        p.price = item.kind(4) == Values.NUMBER ? values.number(item.value(4)) : Double.NaN;
        p.compareAtPrice = Double.NaN;
        p.url = item.value(5);
        p.image = item.value(6);
        // ProductCategories: the list of at most one category that Items hold.
        int categories = item.value(7);
        int length = values.length(categories);
        p.category = length == 1 ? values.at(categories, 0) : Values.NO_VALUE;
        int kind = values.kind(p.category);
        boolean category = length == 0 || kind == Values.NUMBER || kind == Values.STRING;
        return p.quantity > 0 && length < 2 && category ? p : null;
    }

    /** Absent, or an identifier. */
    private static boolean optional(Found found, int entry) {
        return found.kind(entry) == Values.UNDEFINED || found.identifier(entry) != Values.NO_VALUE;
    }

    /** ItemPrice × Quantity, NaN without a price. */
    double rowTotal() {
        return Money.round(price * quantity);
    }

    /** Whether this is the same line of a cart as another: the same ProductID and SKU. */
    boolean sameLine(Values values, Product other) {
        return key(values).equals(other.key(values));
    }

    private String key(Values values) {
        if (key == null) {
            key = values.text(id) + "\u0000" + values.text(sku);
        }
        return key;
    }

    private static int or(int first, int second) {
        return first != Values.NO_VALUE ? first : second;
    }
}
