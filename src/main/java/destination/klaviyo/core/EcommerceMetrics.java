package destination.klaviyo.core;

/**
 * Segment's ecommerce events → Klaviyo's standard ecommerce metrics (setting klaviyoEcommerceMetrics),
 * the metrics Klaviyo's browse-abandonment, abandoned-cart and abandoned-checkout flows start from.
 * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration
 * https://segment.com/docs/connections/spec/ecommerce/v2/
 *
 * <p>Names match as Order Completed's do: ignoring case, words joined by nothing, a space or an
 * underscore, in the spec's v2 and v1 word orders ("Product Viewed", "Viewed Product",
 * "product_viewed"). Each metric is declared below. The event's other properties follow as any
 * track's ({@code revenue} becomes {@code $value} when the metric has no value of its own); a key whose
 * value a Klaviyo property took is left out. Product Removed and Cart Viewed go to Klaviyo as any track
 * does; they, Product Added, Checkout Started and Order Completed keep the {@link Cart} up to date.
 */
final class EcommerceMetrics {
    // The events, in the order of the pattern's groups.
    private static final String EVENTS = "product viewed|product added|product removed|cart viewed|checkout started"
            + "|order completed|product list viewed|product category viewed|products searched";
    private static final int PRODUCT_VIEWED = 1;
    private static final int PRODUCT_ADDED = 2;
    private static final int PRODUCT_REMOVED = 3;
    private static final int CHECKOUT_STARTED = 5;
    private static final int ORDER_COMPLETED = 6;
    private static final int PRODUCT_LIST_VIEWED = 7;
    private static final int PRODUCT_CATEGORY_VIEWED = 8;
    private static final int PRODUCTS_SEARCHED = 9;

    private final Values values;
    private final TabStorage storage;
    /** One pattern, a group per event: one crossing names the event. */
    private final String names;
    /** What the metrics read of an event's properties. */
    private final Vocabulary event;
    private final Product.Keys productKeys;
    private final Items items;
    private final Cart cart;
    private final OrderCompleted orders;
    private final int productIdKey;
    private final int idKey;
    private final int nameKey;
    private final int productsKey;
    private final int cartIdKey;
    private final int checkoutIdKey;
    private final int orderIdKey;
    private final Shape viewedProduct;
    private final Shape viewedItem;
    private final Shape viewedItemMetadata;
    private final Shape addedToCart;
    private final Shape startedCheckout;
    private final Shape viewedCategory;
    private final Shape searchedSite;

    EcommerceMetrics(Values values, TabStorage storage, Items items, OrderCompleted orders) {
        this.values = values;
        this.storage = storage;
        this.items = items;
        this.orders = orders;
        names = names(values, EVENTS);
        event = new Vocabulary(values);
        productKeys = items.keys;
        cart = new Cart(values, productKeys);

        // https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#viewed-product
        viewedProduct = new Shape(values, event, "ProductName=name ProductID=productid,id SKU=sku"
                + " Categories=list:category ImageURL=imageurl URL=url,producturl Brand=brand Price=money:price"
                + " CompareAtPrice=money:compareatprice $value=revenue:revenue");
        // The item trackViewedItem adds to the browser's "recently viewed items".
        viewedItem = new Shape(values, event, "Title=name ItemId=productid,id Categories=list:category"
                + " ImageUrl=imageurl Url=url,producturl Metadata=given");
        viewedItemMetadata = new Shape(values, event, "Brand=brand Price=money:price CompareAtPrice=money:compareatprice");
        // https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#added-to-cart
        // Items hold the whole cart after the addition, and $value is their total. AddedItemCategories
        // are the distinct categories of them all, the added product's first: Klaviyo's segments filter
        // on top-level properties only.
        addedToCart = new Shape(values, event, "$value=revenue:given,revenue AddedItemProductName=name"
                + " AddedItemProductID=productid,id AddedItemSKU=sku AddedItemCategories=given"
                + " AddedItemImageURL=imageurl AddedItemURL=url,producturl AddedItemPrice=money:price"
                + " AddedItemQuantity=quantity:quantity ItemNames=given CheckoutURL=checkouturl Items=given"
                + " -=dropped:products,category");
        // https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#started-checkout
        // Items come from products, else from the remembered cart; the value from value, revenue or
        // total, else the Items' total.
        startedCheckout = new Shape(values, event, "$event_id=given $value=money:value,revenue,total,given"
                + " ItemNames=given CheckoutURL=checkouturl Categories=given Items=given -=dropped:products");
        // Klaviyo's Viewed Category and Searched Site: https://developers.klaviyo.com/en/docs/klaviyo_object
        viewedCategory = new Shape(values, event, "CategoryName=category CategoryID=listid URL=url ImageURL=imageurl"
                + " $value=revenue:revenue -=dropped:products");
        searchedSite = new Shape(values, event, "SearchTerm=query $value=revenue:revenue");
        productIdKey = event.key("productid");
        idKey = event.key("id");
        nameKey = event.key("name");
        productsKey = event.key("products");
        cartIdKey = event.key("cartid");
        checkoutIdKey = event.key("checkoutid");
        orderIdKey = event.key("orderid");
        event.seal();
    }

    /**
     * Sends the Klaviyo metric of an ecommerce event, and keeps the cart up to date. False when the
     * event goes to Klaviyo as any track would (not an ecommerce event, Product Removed, Cart Viewed).
     */
    boolean send(Message message, Settings settings, Commands out) {
        int which = values.which(names, message.event());
        if (which == 0) {
            return false;
        }
        String account = settings.apiKey;
        if (which == ORDER_COMPLETED) {
            orders.send(Values.NO_VALUE, message.properties(), true, out);
            cart.empty();
            cart.save(storage, account);
            return true;
        }
        Found p = event.read(message.properties());
        if (which == PRODUCT_VIEWED) {
            track("Viewed Product", viewedProduct.make(p, true), out);
            if ((p.identifier(productIdKey) != Values.NO_VALUE || p.identifier(idKey) != Values.NO_VALUE)
                    && p.identifier(nameKey) != Values.NO_VALUE) {
                out.send(values.command("trackViewedItem", viewedItem.make(p, false, viewedItemMetadata.make(p, false)),
                        Values.NO_VALUE));
            }
            return true;
        }
        if (which >= PRODUCT_LIST_VIEWED) {
            track(which == PRODUCTS_SEARCHED ? "Searched Site" : "Viewed Category",
                    (which == PRODUCTS_SEARCHED ? searchedSite : viewedCategory).make(p, true), out);
            return true;
        }

        // The cart's events: an event's products are the cart; else Product Added and Removed change it.
        cart.load(storage, account, p.identifier(cartIdKey));
        // The added product's categories come first in AddedItemCategories, whatever the cart is.
        Product product = which == PRODUCT_ADDED || which == PRODUCT_REMOVED
                ? new Product(values, productKeys, productKeys.vocabulary.read(message.properties())) : null;
        if (p.kind(productsKey) == Values.ARRAY) {
            cart.replace(items.read(p.value(productsKey)));
        } else if (product != null) {
            if (which == PRODUCT_ADDED) {
                cart.add(product);
            } else {
                cart.remove(product);
            }
        }
        cart.save(storage, account);
        Product[] all = cart.products;
        int count = cart.count;
        if (which == PRODUCT_ADDED) {
            track("Added to Cart", addedToCart.make(p, true, items.total(all, count),
                    items.categories(product, all, count), items.names(all, count), items.cart(all, count)), out);
            return true;
        }
        if (which == CHECKOUT_STARTED) {
            track("Started Checkout", startedCheckout.make(p, true, checkoutId(message, p), items.total(all, count),
                    items.names(all, count), items.categories(null, all, count), items.cart(all, count)), out);
            return true;
        }
        return false;
    }

    private void track(String metric, int properties, Commands out) {
        out.send(values.command("track", values.ofString(metric), properties));
    }

    /**
     * Started Checkout's {@code $event_id}: the checkout's id (checkout_id, else order_id, else cart_id)
     * and the event's time in whole Unix seconds, as Klaviyo's guide makes it, so that a shopper who
     * comes back starts a new checkout and a retried message deduplicates. None without an id or a time.
     */
    private int checkoutId(Message message, Found p) {
        int id = p.identifier(checkoutIdKey);
        id = id != Values.NO_VALUE ? id : p.identifier(orderIdKey);
        id = id != Values.NO_VALUE ? id : p.identifier(cartIdKey);
        double seconds = Math.floor(values.time(message.timestamp()) / 1000);
        return id != Values.NO_VALUE && seconds == seconds ? values.join(id, "_", values.ofNumber(seconds))
                : Values.NO_VALUE;
    }

    /**
     * How analytics.js-integration recognises a spec event by its name, as one JavaScript pattern with
     * a group per event: ignoring case, the words joined by nothing, a space or an underscore (one more
     * allowed at either end), in the v2 word order or v1's, the verb first ("viewed product"). The
     * browser's engine rewrites the names, so no regex ships. https://segment.com/docs/connections/spec/ecommerce/v1/
     */
    private static String names(Values values, String events) {
        String groups = values.replace("([a-z ]*) ([a-z]+)", events, "($1 $2|$2 $1)");
        return "^[ _]?(?:" + values.replace(" ", groups, "[ _]?") + ")[ _]?$";
    }
}
