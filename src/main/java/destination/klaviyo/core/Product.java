package destination.klaviyo.core;

/**
 * One product of Segment's ecommerce spec, read for Klaviyo's ecommerce metrics: the properties of a
 * single-product event (Product Viewed, Product Added...) or an entry of {@code products}. https://segment.com/docs/connections/spec/ecommerce/v2/#product-viewed
 *
 * <p>The cart this tab remembers stores its products under Segment's names too, so they read back
 * the same way.
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
    /** Its position in the event's products, from 1 (0 for a single-product event's). */
    int position;
    /** The texts of id and sku, for telling two lines of a cart apart; read when first needed. */
    private String key;

    private Product() {
    }

    /** The objects of an array of products (at {@code entry} of a lookup), read in one step; others are skipped. */
    static Product[] list(Values values, KeyList keys, Found holder, int entry) {
        Found[] all = holder.kind(entry) == Values.ARRAY ? keys.inEach(values, holder.value(entry)) : new Found[0];
        int count = 0;
        for (Found found : all) {
            if (found.isObject()) {
                count++;
            }
        }
        Product[] products = new Product[count];
        count = 0;
        for (int e = 0; e < all.length; e++) {
            if (all[e].isObject()) {
                Product product = read(values, all[e]);
                product.position = e + 1;
                products[count++] = product;
            }
        }
        return products;
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
