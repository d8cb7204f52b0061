package destination.klaviyo.core;

/**
 * One product of Segment's ecommerce spec: an entry of an event's {@code products}, a single-product
 * event's properties, or a line of the cart this tab remembers (stored under Segment's names, so it
 * reads back the same way). https://segment.com/docs/connections/spec/ecommerce/v2/#product-viewed
 *
 * <p>Its fields are found as the facade finds keys: the id is product_id, else id; identifiers,
 * names, brands and categories are non-empty strings or finite numbers; the price reads as currency,
 * as revenue does ({@code "$12.50"} is 12.5), but 0 is a price; the quantity is a positive amount,
 * else 1. The Klaviyo objects made of a product are declared in {@link Items}.
 */
final class Product {
    /** What the metrics' Java needs of a product: the Klaviyo objects read the rest themselves. */
    static final String FIELDS = """
            from item
            _id        productId:id | id:id
            _sku       sku:id
            _name      name:id
            _brand     brand:id
            _category  category:id
            _price     price:amount
            _quantity  quantity:count
            _written   quantity
            make nothing
            keep _id _sku _name _brand _category _price _quantity _written
            """;

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
    /** Whether it has a quantity of its own (a positive amount), rather than 1 for none. */
    final boolean counted;
    /** Its quantity as it was written: a cart reads its stored lines back only with numbers there. */
    final int written;
    /** Its position in the event's products, from 1. */
    int position;
    /** The texts of id and sku, which tell two lines of a cart apart; read when first needed. */
    private String idText;
    private String skuText;
    private boolean texts;

    Product(Values values, Rules rules, Found fields) {
        this.fields = fields;
        rules.productFields(fields, Values.NO_VALUE);
        id = rules.productFieldsId;
        sku = rules.productFieldsSku;
        name = rules.productFieldsName;
        brand = rules.productFieldsBrand;
        category = rules.productFieldsCategory;
        price = values.number(rules.productFieldsPrice);
        int amount = rules.productFieldsQuantity;
        counted = amount != Values.NO_VALUE;
        written = rules.productFieldsWritten;
        quantity = counted ? values.number(amount) : 1;
    }

    /** The objects of an array of products, read in one step; other elements are skipped. */
    static Product[] list(Values values, Rules rules, int array) {
        Found[] all = rules.eachItem(array);
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
                Product product = new Product(values, rules, all[e]);
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
        texts(values);
        other.texts(values);
        return same(idText, other.idText) && same(skuText, other.skuText);
    }

    private void texts(Values values) {
        if (!texts) {
            texts = true;
            idText = values.text(id);
            skuText = values.text(sku);
        }
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
