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

    /**
     * The order, under the name it was tracked with: its id, else order_id (or orderId), a non-empty
     * string or a non-zero number; its revenue, else its total, read as currency; what the products
     * give. orderId, revenue and products are left out (with every alias); id and total stay.
     */
    static final String ORDER = """
            $event_id   id:known | orderId:known
            $value      revenue:truthy | total  >money
            Categories  @categories
            ItemNames   @names
            Items       @items
            drop orderId revenue products
            rest
            """;

    /** Every key of a product the classic destination read is left out of what is copied of it. */
    private static final String PRODUCT_KEYS = "drop productId id sku name quantity price category productUrl imageUrl\n";

    /** A product in the order's Items. */
    static final String ITEM = """
            id           productId:truthy | id  >present
            SKU          sku:present
            Name         name:present
            Quantity     quantity:quantity
            ItemPrice    price:present
            RowTotal     price:present
            ProductURL   productUrl:present
            ImageURL     imageUrl:present
            Categories   category:list
            rest
            """ + PRODUCT_KEYS;

    /** Each product's own event. */
    static final String ORDERED = """
            $event_id          @eventId
            $value             price:present
            Name               name:present
            Quantity           quantity:quantity
            ProductCategories  category:list
            ProductURL         productUrl:present
            ImageURL           imageUrl:present
            SKU                sku:present
            ProductID          productId:truthy | id  >present
            rest
            """ + PRODUCT_KEYS;

    /**
     * What the order reads of a product besides: what its Ordered Product's $event_id is made of (the
     * facade's productId || id || sku, and the sku), its name and its category.
     */
    static final String LINE = """
            key       productId:known | id:known | sku:known
            sku       sku:known
            name      name:present
            category  category:present
            """;

    private final Values values;
    private final Vocabulary orderKeys = new Vocabulary();
    private final Vocabulary productKeys = new Vocabulary();
    private final Declaration order;
    private final Declaration item;
    private final Declaration ordered;
    private final Declaration line;

    OrderCompleted(Values values) {
        this.values = values;
        order = new Declaration(values, orderKeys, ORDER);
        item = new Declaration(values, productKeys, ITEM);
        ordered = new Declaration(values, productKeys, ORDERED);
        line = new Declaration(values, productKeys, LINE);
        orderKeys.seal(values);
        productKeys.seal(values);
    }

    void send(int event, int properties, Commands out) {
        Found found = orderKeys.read(values, properties);
        int products = orderKeys.value(found, "products");
        // The objects of the products array; null entries, strings and the like are skipped.
        Found[] all = orderKeys.kind(found, "products") == Values.ARRAY ? productKeys.readEach(values, products) : new Found[0];
        Found[] lines = new Found[all.length];
        int[] positions = new int[all.length];
        int count = 0;
        for (int e = 0; e < all.length; e++) {
            if (all[e].isObject()) {
                positions[count] = e + 1;
                lines[count++] = all[e];
            }
        }
        int[] categories = new int[count];
        int[] names = new int[count];
        int[] items = new int[count];
        int[] keys = new int[count];
        int[] skus = new int[count];
        int categoryCount = 0;
        int nameCount = 0;
        for (int i = 0; i < count; i++) {
            line.evaluate(lines[i]);
            keys[i] = line.got("key");
            skus[i] = line.got("sku");
            int category = line.got("category");
            if (category != Values.NO_VALUE) {
                categories[categoryCount++] = category;
            }
            int name = line.got("name");
            if (name != Values.NO_VALUE) {
                names[nameCount++] = name;
            }
            items[i] = item.make(lines[i], Values.NO_VALUE);
        }
        out.send(values.command("track", event, order.make(found, properties, values.array(categories, categoryCount),
                values.array(names, nameCount), values.array(items, count))));

        int orderedProduct = count > 0 ? values.ofString(ORDERED_PRODUCT) : Values.NO_VALUE;
        OrderedProductIds ids = new OrderedProductIds(values, order.got("$event_id"), keys);
        for (int i = 0; i < count; i++) {
            out.send(values.command("track", orderedProduct,
                    ordered.make(lines[i], Values.NO_VALUE, ids.id(i, skus[i], positions[i]))));
        }
    }
}
