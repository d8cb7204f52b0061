package destination.klaviyo.core;

/**
 * Order Completed → the order as one Klaviyo event (under the name it was tracked with), then one
 * "Ordered Product" event per product, as the classic destination sent them.
 * https://segment.com/docs/connections/spec/ecommerce/v2/#order-completed
 * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration
 */
final class OrderCompleted {
    static final String ORDERED_PRODUCT = "Ordered Product";

    /**
     * The event names analytics.js-integration routes to orderCompleted, ignoring case: "Order
     * Completed", "order_completed", "Completed Order"... Anchored at both ends in both word orders,
     * unlike the classic's, so that "Completed Order Refunded" stays an ordinary event.
     */
    static final String NAME_PATTERN = "^[ _]?(?:completed[ _]?order|order[ _]?completed)[ _]?$";

    // The order's keys, found as the facade finds them. orderId, revenue and products are consumed
    // (with every alias, such as order_id); id and total stay in the order, as in the classic.
    private static final String ORDER = "id orderid revenue total products";
    private static final int ID = 0;
    private static final int ORDER_ID = 1;
    private static final int REVENUE = 2;
    private static final int TOTAL = 3;
    private static final int PRODUCTS = 4;
    private static final int ORDER_CONSUMED = 1 << ORDER_ID | 1 << REVENUE | 1 << PRODUCTS;

    // A product's keys; all are consumed, with every alias (product_id and productId alike).
    private static final String PRODUCT = "productid id sku name quantity price category producturl imageurl";
    private static final int PRODUCT_ID = 0;
    private static final int PRODUCT_ALT_ID = 1;
    private static final int SKU = 2;
    private static final int NAME = 3;
    private static final int QUANTITY = 4;
    private static final int PRICE = 5;
    private static final int CATEGORY = 6;
    private static final int URL = 7;
    private static final int IMAGE = 8;
    private static final int PRODUCT_CONSUMED = (1 << (IMAGE + 1)) - 1;

    private static final String ORDER_OUT = "$event_id $value Categories ItemNames Items";
    private static final String ITEM_OUT = "id SKU Name Quantity ItemPrice RowTotal ProductURL ImageURL Categories";
    private static final String ORDERED_OUT =
            "$event_id $value Name Quantity ProductCategories ProductURL ImageURL SKU ProductID";

    private final Values values;
    private final KeyList orderKeys;
    private final KeyList productKeys;
    private final KeyList orderOut;
    private final KeyList itemOut;
    private final KeyList orderedOut;

    OrderCompleted(Values values) {
        this.values = values;
        orderKeys = new KeyList(values, ORDER);
        productKeys = new KeyList(values, PRODUCT);
        orderOut = new KeyList(values, ORDER_OUT);
        itemOut = new KeyList(values, ITEM_OUT);
        orderedOut = new KeyList(values, ORDERED_OUT);
    }

    void send(int event, int properties, Commands out) {
        Found order = orderKeys.in(values, properties);
        int orderId = or(truthyIdentifier(order, ID), truthyIdentifier(order, ORDER_ID));
        // The facade's revenue(): revenue, or the total for an order; then read as currency.
        int revenue = Revenue.amount(values, order, order.truthy(REVENUE) ? REVENUE : TOTAL);

        // The objects of the products array; null entries, strings and the like are skipped.
        Found[] all = order.kind(PRODUCTS) == Values.ARRAY ? productKeys.inEach(values, order.value(PRODUCTS))
                : new Found[0];
        Product[] products = new Product[all.length];
        int count = 0;
        for (int e = 0; e < all.length; e++) {
            if (all[e].isObject()) {
                products[count++] = new Product(all[e], e + 1);
            }
        }
        int[] categories = new int[count];
        int[] names = new int[count];
        int[] items = new int[count];
        int categoryCount = 0;
        int nameCount = 0;
        for (int i = 0; i < count; i++) {
            Product product = products[i];
            if (product.category != Values.NO_VALUE) {
                categories[categoryCount++] = product.category;
            }
            if (product.name != Values.NO_VALUE) {
                names[nameCount++] = product.name;
            }
            items[i] = product.item();
        }
        int[] mapped = orderOut.values();
        mapped[0] = orderId;
        mapped[1] = revenue;
        mapped[2] = values.array(categories, categoryCount);
        mapped[3] = values.array(names, nameCount);
        mapped[4] = values.array(items, count);
        out.send(values.command("track", event, orderOut.build(values, order.record(), ORDER_CONSUMED, mapped)));

        int orderedProduct = count > 0 ? values.ofString(ORDERED_PRODUCT) : Values.NO_VALUE;
        int[] keys = new int[count];
        for (int i = 0; i < count; i++) {
            keys[i] = products[i].key;
        }
        OrderedProductIds ids = new OrderedProductIds(values, orderId, keys);
        for (int i = 0; i < count; i++) {
            Product product = products[i];
            out.send(values.command("track", orderedProduct, product.orderedProduct(ids.id(i, product.sku,
                    product.position))));
        }
    }

    /** The facade's {@code a || b} for ids: a non-empty string or a number that is not 0. */
    private static int truthyIdentifier(Found found, int entry) {
        return found.truthy(entry) ? found.identifier(entry) : Values.NO_VALUE;
    }

    private static int or(int first, int second) {
        return first != Values.NO_VALUE ? first : second;
    }

    /** One product of the order, read once for both its Items entry and its Ordered Product event. */
    private final class Product {
        final Found fields;
        /** productId, else id: the facade's {@code productId || id}. */
        final int id;
        final int name;
        final int quantity;
        final int category;
        /** Its position in the order's products, from 1. */
        final int position;
        final int sku;
        /** What its Ordered Product's $event_id is made of: productId, else id, else sku (the facade's a || b). */
        final int key;

        Product(Found fields, int position) {
            this.fields = fields;
            this.position = position;
            sku = truthyIdentifier(fields, SKU);
            key = or(or(truthyIdentifier(fields, PRODUCT_ID), truthyIdentifier(fields, PRODUCT_ALT_ID)), sku);
            id = fields.truthy(PRODUCT_ID) ? fields.present(PRODUCT_ID) : fields.present(PRODUCT_ALT_ID);
            name = fields.present(NAME);
            quantity = fields.truthy(QUANTITY) && fields.present(QUANTITY) != Values.NO_VALUE
                    ? fields.value(QUANTITY) : values.ofNumber(1);
            category = fields.present(CATEGORY);
        }

        /** The order's Items entry: the product's own properties, then the mapped ones. */
        int item() {
            int[] mapped = itemOut.values();
            mapped[0] = id;
            mapped[1] = fields.present(SKU);
            mapped[2] = name;
            mapped[3] = quantity;
            mapped[4] = fields.present(PRICE);
            mapped[5] = mapped[4];
            mapped[6] = fields.present(URL);
            mapped[7] = fields.present(IMAGE);
            mapped[8] = categories();
            return itemOut.build(values, fields.record(), PRODUCT_CONSUMED, mapped);
        }

        /** The Ordered Product event's properties, with its $event_id ({@link OrderedProductIds}). */
        int orderedProduct(int eventId) {
            int[] mapped = orderedOut.values();
            mapped[0] = eventId;
            mapped[1] = fields.present(PRICE);
            mapped[2] = name;
            mapped[3] = quantity;
            mapped[4] = categories();
            mapped[5] = fields.present(URL);
            mapped[6] = fields.present(IMAGE);
            mapped[7] = fields.present(SKU);
            mapped[8] = id;
            return orderedOut.build(values, fields.record(), PRODUCT_CONSUMED, mapped);
        }

        /** The product's category as a list of one, or none: a list-valued property is always a list. */
        private int categories() {
            return values.listOf(category);
        }
    }
}
