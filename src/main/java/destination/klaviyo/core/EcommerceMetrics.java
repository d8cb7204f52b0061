package destination.klaviyo.core;

/**
 * Segment's ecommerce events → Klaviyo's standard ecommerce metrics (setting klaviyoEcommerceMetrics),
 * the metrics Klaviyo's browse-abandonment, abandoned-cart and abandoned-checkout flows start from.
 * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration
 * https://segment.com/docs/connections/spec/ecommerce/v2/
 *
 * <table>
 *   <tr><td>Product Viewed</td><td>Viewed Product, then trackViewedItem (recently viewed items)</td></tr>
 *   <tr><td>Product Added</td><td>Added to Cart, whose Items hold the whole cart ({@link Cart})</td></tr>
 *   <tr><td>Checkout Started</td><td>Started Checkout</td></tr>
 *   <tr><td>Order Completed</td><td>Placed Order and Ordered Product ({@link PlacedOrder})</td></tr>
 *   <tr><td>Product List Viewed, Product Category Viewed</td><td>Viewed Category</td></tr>
 *   <tr><td>Products Searched</td><td>Searched Site</td></tr>
 *   <tr><td>Product Removed, Cart Viewed</td><td>unchanged; they change the remembered cart</td></tr>
 * </table>
 * Names match as Order Completed's do: ignoring case, words joined by nothing, a space or an
 * underscore, in the spec's v2 and v1 word orders ("Product Viewed", "Viewed Product",
 * "product_viewed"). A metric's own Klaviyo properties come first; the event's other properties
 * follow as any track's ({@code revenue} becomes {@code $value} when the metric has no value of its own).
 * A Segment key whose value a Klaviyo property took is consumed, with its aliases.
 */
final class EcommerceMetrics {
    // The events, lowercase, in the order of the numbers below (the groups of the name pattern).
    private static final int PRODUCT_VIEWED = 1;
    private static final int PRODUCT_ADDED = 2;
    private static final int PRODUCT_REMOVED = 3;
    private static final int CART_VIEWED = 4;
    private static final int CHECKOUT_STARTED = 5;
    private static final int ORDER_COMPLETED = 6;
    private static final int PRODUCT_LIST_VIEWED = 7;
    private static final int PRODUCT_CATEGORY_VIEWED = 8;
    private static final int PRODUCTS_SEARCHED = 9;

    // An event's properties: a product's keys first (single-product events), then the rows' own.
    private static final String EVENT = Product.KEYS + " =revenue revenue value total checkoutid orderid cartid"
            + " checkouturl products listid query";
    private static final int REVENUE_KEY = 12;
    private static final int REVENUE = 13;
    private static final int VALUE = 14;
    private static final int TOTAL = 15;
    private static final int CHECKOUT_ID = 16;
    private static final int ORDER_ID = 17;
    private static final int CART_ID = 18;
    private static final int CHECKOUT_URL = 19;
    private static final int PRODUCTS = 20;
    private static final int LIST_ID = 21;
    private static final int QUERY = 22;

    /** The product keys every product row reads, with their aliases. */
    private static final int PRODUCT_READ = 1 << Product.PRODUCT_ID | 1 << Product.ID | 1 << Product.SKU
            | 1 << Product.NAME | 1 << Product.CATEGORY | 1 << Product.PRICE | 1 << Product.URL | 1 << Product.PRODUCT_URL
            | 1 << Product.IMAGE_URL;

    // Klaviyo's Viewed Product, and the item trackViewedItem adds to "recently viewed items".
    // https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#viewed-product
    private static final String VIEWED_PRODUCT = "ProductName ProductID SKU Categories ImageURL URL Brand Price"
            + " CompareAtPrice $value";
    private static final String VIEWED_ITEM = "Title ItemId Categories ImageUrl Url Metadata";
    private static final String METADATA = "Brand Price CompareAtPrice";
    // https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#added-to-cart
    private static final String ADDED_TO_CART = "$value AddedItemProductName AddedItemProductID AddedItemSKU"
            + " AddedItemCategories AddedItemImageURL AddedItemURL AddedItemPrice AddedItemQuantity ItemNames"
            + " CheckoutURL Items";
    // https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#started-checkout
    private static final String STARTED_CHECKOUT = "$event_id $value ItemNames CheckoutURL Categories Items";
    private static final String VIEWED_CATEGORY = "CategoryName CategoryID URL ImageURL $value";
    private static final String SEARCHED_SITE = "SearchTerm $value";

    private final Values values;
    private final TabStorage storage;
    /** One pattern for every event, a group per event: one crossing names the event. */
    private final String names;
    private final KeyList eventKeys;
    private final KeyList productKeys;
    private final Items items;
    private final Cart cart;
    private final PlacedOrder placedOrder;
    private final KeyList viewedProduct;
    private final KeyList viewedItem;
    private final KeyList metadata;
    private final KeyList addedToCart;
    private final KeyList startedCheckout;
    private final KeyList viewedCategory;
    private final KeyList searchedSite;

    EcommerceMetrics(Values values, TabStorage storage) {
        this.values = values;
        this.storage = storage;
        names = EventNames.pattern(values, new String[] {"product viewed", "product added", "product removed", "cart viewed",
            "checkout started", "order completed", "product list viewed", "product category viewed",
            "products searched"});
        eventKeys = new KeyList(values, EVENT);
        productKeys = new KeyList(values, Product.KEYS);
        items = new Items(values);
        cart = new Cart(values);
        placedOrder = new PlacedOrder(values, items);
        viewedProduct = new KeyList(values, VIEWED_PRODUCT);
        viewedItem = new KeyList(values, VIEWED_ITEM);
        metadata = new KeyList(values, METADATA);
        addedToCart = new KeyList(values, ADDED_TO_CART);
        startedCheckout = new KeyList(values, STARTED_CHECKOUT);
        viewedCategory = new KeyList(values, VIEWED_CATEGORY);
        searchedSite = new KeyList(values, SEARCHED_SITE);
    }

    /**
     * Sends the Klaviyo metric of an ecommerce event, and keeps the cart up to date. False when the
     * event goes to Klaviyo as any track would (not an ecommerce event, Product Removed, Cart Viewed).
     */
    boolean send(Message message, Settings settings, Commands out) {
        int event = values.which(names, message.event());
        if (event == 0) {
            return false;
        }
        String account = settings.apiKey;
        if (event == ORDER_COMPLETED) {
            placedOrder.send(message.properties(), out);
            cart.empty();
            cart.save(storage, account);
            return true;
        }
        Found p = eventKeys.in(values, message.properties());
        switch (event) {
            case PRODUCT_VIEWED:
                viewedProduct(p, out);
                return true;
            case PRODUCT_LIST_VIEWED:
            case PRODUCT_CATEGORY_VIEWED:
                viewedCategory(p, out);
                return true;
            case PRODUCTS_SEARCHED:
                searchedSite(p, out);
                return true;
            default:
                break;
        }
        // The cart's events.
        cart.load(storage, account, p.identifier(CART_ID));
        Product product = Product.read(values, p);
        if (p.kind(PRODUCTS) == Values.ARRAY) {
            cart.replace(Product.list(values, productKeys, p, PRODUCTS));
        } else if (event == PRODUCT_ADDED) {
            cart.add(product);
        } else if (event == PRODUCT_REMOVED) {
            cart.remove(product);
        }
        cart.save(storage, account);
        if (event == PRODUCT_ADDED) {
            addedToCart(p, product, out);
            return true;
        }
        if (event == CHECKOUT_STARTED) {
            startedCheckout(message, p, out);
            return true;
        }
        return false;
    }

    /** Product Viewed → Viewed Product, then trackViewedItem when the product has an id and a name. */
    private void viewedProduct(Found p, Commands out) {
        Product product = Product.read(values, p);
        int categories = values.listOf(product.category);
        int price = items.number(product.price);
        int compareAt = items.number(product.compareAtPrice);
        int[] v = viewedProduct.values();
        v[0] = product.name;
        v[1] = product.id;
        v[2] = product.sku;
        v[3] = categories;
        v[4] = product.image;
        v[5] = product.url;
        v[6] = product.brand;
        v[7] = price;
        v[8] = compareAt;
        int revenue = Revenue.amount(values, p, REVENUE);
        v[9] = revenue;
        int consumed = PRODUCT_READ | KeyList.bit(Product.BRAND) | KeyList.bit(Product.COMPARE_AT_PRICE)
                | (revenue != Values.NO_VALUE ? KeyList.bit(REVENUE_KEY) : 0);
        out.send(values.command("track", values.ofString("Viewed Product"), viewedProduct.build(values, p.record(),
                consumed, v)));
        if (product.id == Values.NO_VALUE || product.name == Values.NO_VALUE) {
            return;
        }
        int[] m = metadata.values();
        m[0] = product.brand;
        m[1] = price;
        m[2] = compareAt;
        int meta = metadata.build(values, Values.NO_VALUE, 0, m);
        int[] item = viewedItem.values();
        item[0] = product.name;
        item[1] = product.id;
        item[2] = categories;
        item[3] = product.image;
        item[4] = product.url;
        item[5] = meta;
        out.send(values.command("trackViewedItem", viewedItem.build(values, Values.NO_VALUE, 0, item), Values.NO_VALUE));
    }

    /** Product Added → Added to Cart: the added product, and the whole cart after the addition. */
    private void addedToCart(Found p, Product added, Commands out) {
        int[] a = addedToCart.values();
        double total = Items.total(cart.products, cart.count);
        a[0] = total == total ? values.ofNumber(total) : Revenue.amount(values, p, REVENUE);
        a[1] = added.name;
        a[2] = added.id;
        a[3] = added.sku;
        a[4] = items.categories(added, cart.products, cart.count);
        a[5] = added.image;
        a[6] = added.url;
        a[7] = items.number(added.price);
        a[8] = values.ofNumber(added.quantity);
        a[9] = items.names(cart.products, cart.count);
        a[10] = p.identifier(CHECKOUT_URL);
        a[11] = items.cart(cart.products, cart.count);
        int consumed = PRODUCT_READ | KeyList.bit(Product.QUANTITY) | KeyList.bit(PRODUCTS)
                | (a[10] != Values.NO_VALUE ? KeyList.bit(CHECKOUT_URL) : 0)
                | (total != total && a[0] != Values.NO_VALUE ? KeyList.bit(REVENUE_KEY) : 0);
        out.send(values.command("track", values.ofString("Added to Cart"), addedToCart.build(values, p.record(),
                consumed, a)));
    }

    /**
     * Checkout Started → Started Checkout. Its {@code $event_id} is the checkout's id (checkout_id, else
     * order_id, else cart_id) and the event's time in whole Unix seconds, as Klaviyo's guide makes it:
     * a shopper who comes back starts a new checkout, and a retried message deduplicates. Without an id
     * or a time there is none.
     */
    private void startedCheckout(Message message, Found p, Commands out) {
        int[] s = startedCheckout.values();
        int idEntry = p.identifier(CHECKOUT_ID) != Values.NO_VALUE ? CHECKOUT_ID
                : p.identifier(ORDER_ID) != Values.NO_VALUE ? ORDER_ID : CART_ID;
        double seconds = Math.floor(values.time(message.timestamp()) / 1000);
        int id = p.identifier(idEntry);
        if (id != Values.NO_VALUE && seconds == seconds) {
            s[0] = values.join(id, "_", values.ofNumber(seconds));
        }
        // value, else revenue, else total, else the sum of the Items.
        int valueEntry = Revenue.amount(values, p, VALUE) != Values.NO_VALUE ? VALUE
                : Revenue.amount(values, p, REVENUE) != Values.NO_VALUE ? REVENUE : TOTAL;
        int value = Revenue.amount(values, p, valueEntry);
        s[1] = value != Values.NO_VALUE ? value : items.number(Items.total(cart.products, cart.count));
        s[2] = items.names(cart.products, cart.count);
        s[3] = p.identifier(CHECKOUT_URL);
        s[4] = items.categories(null, cart.products, cart.count);
        s[5] = items.cart(cart.products, cart.count);
        int consumed = KeyList.bit(PRODUCTS) | (s[0] != Values.NO_VALUE ? KeyList.bit(idEntry) : 0)
                | (value != Values.NO_VALUE ? KeyList.bit(valueEntry) : 0)
                | (s[3] != Values.NO_VALUE ? KeyList.bit(CHECKOUT_URL) : 0);
        out.send(values.command("track", values.ofString("Started Checkout"), startedCheckout.build(values,
                p.record(), consumed, s)));
    }

    /** Product List Viewed and Product Category Viewed → Viewed Category; the products are left out. */
    private void viewedCategory(Found p, Commands out) {
        int[] c = viewedCategory.values();
        c[0] = p.identifier(Product.CATEGORY);
        c[1] = p.identifier(LIST_ID);
        c[2] = p.identifier(Product.URL);
        c[3] = p.identifier(Product.IMAGE_URL);
        c[4] = Revenue.amount(values, p, REVENUE);
        int consumed = KeyList.bit(PRODUCTS) | used(c[0], Product.CATEGORY) | used(c[1], LIST_ID)
                | used(c[2], Product.URL) | used(c[3], Product.IMAGE_URL) | used(c[4], REVENUE_KEY);
        out.send(values.command("track", values.ofString("Viewed Category"), viewedCategory.build(values, p.record(),
                consumed, c)));
    }

    /** Products Searched → Searched Site. */
    private void searchedSite(Found p, Commands out) {
        int[] s = searchedSite.values();
        s[0] = p.identifier(QUERY);
        s[1] = Revenue.amount(values, p, REVENUE);
        out.send(values.command("track", values.ofString("Searched Site"), searchedSite.build(values, p.record(),
                used(s[0], QUERY) | used(s[1], REVENUE_KEY), s)));
    }

    /** The bit of an entry whose value a Klaviyo property took. */
    private static int used(int value, int entry) {
        return value != Values.NO_VALUE ? KeyList.bit(entry) : 0;
    }
}
