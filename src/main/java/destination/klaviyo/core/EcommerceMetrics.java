package destination.klaviyo.core;

/**
 * Segment's ecommerce events → Klaviyo's standard ecommerce metrics (setting klaviyoEcommerceMetrics),
 * the metrics Klaviyo's browse-abandonment, abandoned-cart and abandoned-checkout flows start from.
 * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration
 * https://segment.com/docs/connections/spec/ecommerce/v2/
 *
 * <p>Each metric is declared in the class named after it ({@link ViewedProduct}, {@link AddedToCart},
 * {@link StartedCheckout}, {@link PlacedOrder}, {@link ViewedCategory}, {@link SearchedSite}); this
 * class tells which event is which, and keeps the {@link Cart} up to date. Product Removed and Cart
 * Viewed go to Klaviyo as any track does; they, Product Added, Checkout Started and Order Completed
 * change the cart.
 */
final class EcommerceMetrics {
    /** Words joined by nothing, a space or an underscore. */
    private static final String JOIN = "[ _]?";

    /**
     * How analytics.js-integration recognises a spec event by its name, as one JavaScript pattern with
     * a group per event, in {@link #send}'s order: ignoring case, the words joined by nothing, a space or
     * an underscore (one more allowed at either end), in the v2 word order or v1's, the verb first
     * ("viewed product"). A constant: the browser's engine runs it, so no regex ships, and nothing is
     * concatenated at run time. https://segment.com/docs/connections/spec/ecommerce/v1/
     */
    static final String NAMES = "^" + JOIN + "(?:"
            + "(product" + JOIN + "viewed|viewed" + JOIN + "product)"
            + "|(product" + JOIN + "added|added" + JOIN + "product)"
            + "|(product" + JOIN + "removed|removed" + JOIN + "product)"
            + "|(cart" + JOIN + "viewed|viewed" + JOIN + "cart)"
            + "|(checkout" + JOIN + "started|started" + JOIN + "checkout)"
            + "|(order" + JOIN + "completed|completed" + JOIN + "order)"
            + "|(product" + JOIN + "list" + JOIN + "viewed|viewed" + JOIN + "product" + JOIN + "list)"
            + "|(product" + JOIN + "category" + JOIN + "viewed|viewed" + JOIN + "product" + JOIN + "category)"
            + "|(products" + JOIN + "searched|searched" + JOIN + "products)"
            + ")" + JOIN + "$";
    private static final int PRODUCT_VIEWED = 1;
    private static final int PRODUCT_ADDED = 2;
    private static final int PRODUCT_REMOVED = 3;
    private static final int CHECKOUT_STARTED = 5;
    private static final int ORDER_COMPLETED = 6;
    private static final int PRODUCT_LIST_VIEWED = 7;
    private static final int PRODUCTS_SEARCHED = 9;

    private final Values values;
    private final Rules rules;
    private final TabStorage storage;
    private final Items items;
    private final Cart cart;

    EcommerceMetrics(Values values, Rules rules, TabStorage storage) {
        this.values = values;
        this.rules = rules;
        this.storage = storage;
        items = new Items(values, rules);
        cart = new Cart(values, rules);
    }

    /**
     * Sends the Klaviyo metric of an ecommerce event, and keeps the cart up to date. False when the
     * event goes to Klaviyo as any track would (not an ecommerce event, Product Removed, Cart Viewed).
     */
    boolean send(Message message, Settings settings, Commands out) {
        int which = values.which(NAMES, message.event);
        if (which == 0) {
            return false;
        }
        int properties = message.properties;
        Found p = rules.item(properties);
        if (which == PRODUCT_VIEWED) {
            track("Viewed Product", rules.viewedProductViewedProduct(p, properties), out);
            int item = rules.viewedProductViewedItem(p, properties,
                    /* metadata */ rules.viewedProductViewedItemMetadata(p, properties));
            if (item != Values.NO_VALUE) {
                out.send(values.command("trackViewedItem", item, Values.NO_VALUE));
            }
            return true;
        }
        if (which >= PRODUCT_LIST_VIEWED) {
            track(which == PRODUCTS_SEARCHED ? "Searched Site" : "Viewed Category", which == PRODUCTS_SEARCHED
                    ? rules.searchedSiteSearchedSite(p, properties) : rules.viewedCategoryViewedCategory(p, properties), out);
            return true;
        }
        int key = cart.key(settings.apiKey);
        if (which == ORDER_COMPLETED) {
            placedOrder(p, properties, out);
            cart.empty();
            cart.save(storage, key);
            return true;
        }

        // The cart's events: an event's products are the cart; else Product Added and Removed change it.
        rules.cartEvent(p, properties);
        int products = rules.cartEventProducts;
        cart.load(storage, key, rules.cartEventCartId);
        // The added product's categories come first in AddedItemCategories, whatever the cart is.
        Product product = which == PRODUCT_ADDED || which == PRODUCT_REMOVED ? new Product(values, rules, p) : null;
        if (products != Values.NO_VALUE) {
            cart.replace(Product.list(values, rules, products));
        } else if (which == PRODUCT_ADDED) {
            cart.add(product);
        } else if (product != null) {
            cart.remove(product);
        }
        cart.save(storage, key);
        Product[] lines = cart.lines;
        int count = cart.count;
        if (which == PRODUCT_ADDED) {
            track("Added to Cart", rules.addedToCartAddedToCart(p, properties, /* total */ items.total(lines, count),
                    /* categories */ items.categories(product, lines, count), /* quantity */ values.ofNumber(product.quantity),
                    /* names */ items.names(lines, count), /* items */ items.cart(lines, count)), out);
            return true;
        }
        if (which == CHECKOUT_STARTED) {
            int eventId = checkoutId(message, p);
            track("Started Checkout", rules.startedCheckoutStartedCheckout(p, properties,
                    /* identified */ eventId != Values.NO_VALUE, /* eventId */ eventId, /* total */ items.total(lines, count),
                    /* names */ items.names(lines, count), /* categories */ items.categories(null, lines, count),
                    /* items */ items.cart(lines, count)), out);
            return true;
        }
        return false;
    }

    /** Forgets the account's cart: a logout. */
    void forget(Settings settings) {
        storage.write(cart.key(settings.apiKey), Values.NO_VALUE);
    }

    private void track(String metric, int properties, Commands out) {
        out.send(values.command("track", values.ofString(metric), properties));
    }

    /** Placed Order, then one Ordered Product per product of the order. */
    private void placedOrder(Found order, int properties, Commands out) {
        int array = rules.placedOrderProducts(order, properties);
        Product[] products = array != Values.NO_VALUE ? Product.list(values, rules, array) : new Product[0];
        int count = products.length;
        out.send(values.command("track", values.ofString(PlacedOrder.NAME), rules.placedOrderPlacedOrder(order, properties,
                /* categories */ items.categories(null, products, count), /* names */ items.names(products, count),
                /* brands */ items.brands(products, count), /* items */ items.order(products, count))));
        int orderId = rules.placedOrderPlacedOrderEventId;
        int[] keys = new int[count];
        for (int i = 0; i < count; i++) {
            keys[i] = products[i].id != Values.NO_VALUE ? products[i].id : products[i].sku;
        }
        OrderedProductIds ids = new OrderedProductIds(values, orderId, keys);
        int event = count > 0 ? values.ofString(OrderCompleted.ORDERED_PRODUCT) : Values.NO_VALUE;
        for (int i = 0; i < count; i++) {
            Product line = products[i];
            out.send(values.command("track", event, rules.placedOrderOrderedProduct(line.fields, Values.NO_VALUE,
                    /* eventId */ ids.id(i, line.sku, line.position), /* rowTotal */ items.number(line.rowTotal()),
                    /* orderId */ orderId, /* quantity */ values.ofNumber(line.quantity))));
        }
    }

    /**
     * Started Checkout's {@code $event_id}: the checkout's id and the event's time in whole Unix
     * seconds; none without an id or a time.
     */
    private int checkoutId(Message message, Found p) {
        int id = rules.startedCheckoutCheckoutId(p, message.properties);
        double seconds = Math.floor(values.time(message.timestamp) / 1000);
        return id != Values.NO_VALUE && seconds == seconds ? values.join(id, "_", values.ofNumber(seconds))
                : Values.NO_VALUE;
    }
}
