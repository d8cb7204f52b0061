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
     * Order Completed → the order, under the name it was tracked with, as the classic destination sent
     * it: its id, else order_id; its revenue, else its total, as $value; the products' categories,
     * names and items. https://segment.com/docs/connections/spec/ecommerce/v2/#order-completed
     */
    static final String ORDER = """
            from order
            given categories names items
            $event_id   id:known | orderId:known
            $value      revenue:truthy | total  >money
            Categories  @categories
            ItemNames   @names
            Items       @items
            drop orderId revenue products
            rest
            keep $event_id
            """;

    /** Every key of a product the classic destination read is left out of what is copied of it. */
    static final String PRODUCT_KEYS = """
            drop productId id sku name quantity price category productUrl imageUrl
            """;

    /** Where the order's products are. */
    static final String PRODUCTS = """
            from order
            lines  products:array
            make nothing
            """;

    /**
     * Order Completed → each product in the order's Items.
     * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration
     *
     * <p>The properties starting with _ are not sent: they are what the order reads of the product,
     * what its Ordered Product's $event_id is made of (the facade's productId || id || sku, and the
     * sku) and its category.
     */
    static final String ITEM = """
            from product
            id           productId:truthy | id  >present
            SKU          sku:present
            Name         name:present
            Quantity     quantity:quantity
            ItemPrice    price:present
            RowTotal     price:present
            ProductURL   productUrl:present
            ImageURL     imageUrl:present
            Categories   category:list
            _key         productId:known | id:known | sku:known
            _sku         sku:known
            _category    category:present
            rest
            use PRODUCT_KEYS
            keep Name _key _sku _category
            """;

    /**
     * Order Completed → one Ordered Product event per product, with its own $event_id.
     * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration
     */
    static final String ORDERED = """
            from product
            given eventId
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
            use PRODUCT_KEYS
            """;

    private final Values values;
    private final Rules rules;

    OrderCompleted(Values values, Rules rules) {
        this.values = values;
        this.rules = rules;
    }

    void send(int event, int properties, Commands out) {
        Found found = rules.order(properties);
        int products = rules.orderCompletedProducts(found, properties);
        // The objects of the products array; null entries, strings and the like are skipped.
        Found[] all = products != Values.NO_VALUE ? rules.eachProduct(products) : new Found[0];
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
            items[i] = rules.orderCompletedItem(lines[i], Values.NO_VALUE);
            keys[i] = rules.orderCompletedItemKey;
            skus[i] = rules.orderCompletedItemSku;
            if (rules.orderCompletedItemCategory != Values.NO_VALUE) {
                categories[categoryCount++] = rules.orderCompletedItemCategory;
            }
            if (rules.orderCompletedItemName != Values.NO_VALUE) {
                names[nameCount++] = rules.orderCompletedItemName;
            }
        }
        out.send(values.command("track", event, rules.orderCompletedOrder(found, properties,
                /* categories */ values.array(categories, categoryCount), /* names */ values.array(names, nameCount),
                /* items */ values.array(items, count))));

        int orderedProduct = count > 0 ? values.ofString(ORDERED_PRODUCT) : Values.NO_VALUE;
        OrderedProductIds ids = new OrderedProductIds(values, rules.orderCompletedOrderEventId, keys);
        for (int i = 0; i < count; i++) {
            out.send(values.command("track", orderedProduct,
                    rules.orderCompletedOrdered(lines[i], Values.NO_VALUE, /* eventId */ ids.id(i, skus[i], positions[i]))));
        }
    }
}
