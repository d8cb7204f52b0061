package destination.klaviyo.core;

/**
 * One product of Segment's ecommerce spec: an entry of an event's {@code products}, a single-product
 * event's properties, or an item of the cart this tab remembers (stored under Segment's names, so it
 * reads back the same way). https://segment.com/docs/connections/spec/ecommerce/v2/#product-viewed
 *
 * <p>Its fields are found as the facade finds keys: the id is product_id, else id; the url is url,
 * else productUrl; the image is image_url or imageUrl. Identifiers, names, brands and categories are
 * non-empty strings or finite numbers; the price reads as currency, as revenue does ({@code "$12.50"}
 * is 12.5, and 0 is a price); the quantity is a positive amount, else 1. The Klaviyo objects made of
 * a product are declared in {@link Items}.
 */
final class Product {
    /** The product's fields in the lookups of a products vocabulary. */
    static final class Keys {
        final Vocabulary vocabulary;
        final int productId;
        final int id;
        final int sku;
        final int name;
        final int brand;
        final int category;
        final int price;
        final int quantity;

        Keys(Vocabulary vocabulary) {
            this.vocabulary = vocabulary;
            productId = vocabulary.key("productid");
            id = vocabulary.key("id");
            sku = vocabulary.key("sku");
            name = vocabulary.key("name");
            brand = vocabulary.key("brand");
            category = vocabulary.key("category");
            price = vocabulary.key("price");
            quantity = vocabulary.key("quantity");
        }
    }

    /** Where the product was read: the Klaviyo objects of {@link Items} read their fields there. */
    final Found fields;
    final int id;
    final int sku;
    final int name;
    final int brand;
    final int category;
    /** NaN without a price. */
    final double price;
    double quantity;
    /** Its position in the event's products, from 1. */
    int position;
    /** The texts of id and sku, which tell two lines of a cart apart; read when first needed. */
    private String line;

    Product(Values values, Keys keys, Found fields) {
        this.fields = fields;
        int productId = fields.identifier(keys.productId);
        id = productId != Values.NO_VALUE ? productId : fields.identifier(keys.id);
        sku = fields.identifier(keys.sku);
        name = fields.identifier(keys.name);
        brand = fields.identifier(keys.brand);
        category = fields.identifier(keys.category);
        price = Revenue.number(values, fields, keys.price);
        double amount = Revenue.number(values, fields, keys.quantity);
        quantity = amount > 0 ? amount : 1;
    }

    /** The objects of an array of products, read in one step; other elements are skipped. */
    static Product[] list(Values values, Keys keys, int array) {
        Found[] all = keys.vocabulary.readEach(array);
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
                Product product = new Product(values, keys, all[e]);
                product.position = e + 1;
                products[count++] = product;
            }
        }
        return products;
    }

    /** ItemPrice × Quantity, rounded to a millionth (binary fractions: 0.1 × 3); NaN without a price. */
    double rowTotal() {
        return round(price * quantity);
    }

    static double round(double amount) {
        // Not Math.rint: TeaVM makes it through a 64-bit integer, which NaN (no price) would throw on.
        return Math.floor(amount * 1e6 + 0.5) / 1e6;
    }

    /** Whether this is the same line of a cart as another: the same ProductID and SKU. */
    boolean sameLine(Values values, Product other) {
        return line(values).equals(other.line(values));
    }

    private String line(Values values) {
        if (line == null) {
            line = values.text(id) + "\u0000" + values.text(sku);
        }
        return line;
    }
}
