package destination.klaviyo.core;

/**
 * The shopper's cart as this browser tab remembers it, so that Added to Cart's {@code Items} hold the
 * whole cart: Klaviyo's abandoned-cart emails show the Items of the latest Added to Cart.
 * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#added-to-cart
 *
 * <ul>
 *   <li>Product Added adds the product; the same ProductID and SKU add up their quantities.</li>
 *   <li>Product Removed subtracts, and removes the item at zero.</li>
 *   <li>An event with a {@code products} array (Cart Viewed, Checkout Started...) says what the cart
 *       is: it replaces the remembered one.</li>
 *   <li>Order Completed empties it (a new, empty cart is remembered).</li>
 *   <li>A {@code cart_id} other than the remembered one starts a new cart; a cart remembered without
 *       one takes the event's.</li>
 * </ul>
 * It holds at most {@link #MAX_ITEMS} items (the oldest go first), and nothing but product fields:
 * it is stored in the tab's session storage as {@code {v: 1, cart: cart_id, items: Items}}. A stored
 * value that is not exactly that (corrupt, edited, from another version) starts an empty cart.
 */
final class Cart {
    static final int MAX_ITEMS = 100;
    /** The storage key; one cart per Klaviyo account, so two destinations never add a product twice. */
    static final String KEY = "klaviyo_cart:";
    private static final int VERSION = 1;

    // What is stored, read back exactly.
    private static final String STORED = "=v =cart =items";
    private static final String STORE = "v cart items";
    private static final int V = 0;
    private static final int CART_ID = 1;
    private static final int ITEMS = 2;

    private final Values values;
    private final KeyList stored;
    private final KeyList itemKeys;
    private final KeyList store;

    Cart(Values values) {
        this.values = values;
        stored = new KeyList(values, STORED);
        itemKeys = new KeyList(values, Product.STORED_KEYS);
        store = new KeyList(values, STORE);
    }

    /** The cart of one event: what the tab remembered, changed by the event, then remembered again. */
    final class Contents {
        Product[] products = new Product[MAX_ITEMS + 1];
        int count;
        /** The cart's cart_id, or {@link Values#NO_VALUE}. */
        int id;

        /** Adds a product; the same line adds up its quantity. */
        void add(Product product) {
            for (int i = 0; i < count; i++) {
                if (products[i].sameLine(values, product)) {
                    products[i].quantity = Money.round(products[i].quantity + product.quantity);
                    return;
                }
            }
            if (count == MAX_ITEMS) {
                drop(0);
            }
            products[count++] = product;
        }

        /** Takes a product's quantity off its line, and the line out at zero. */
        void remove(Product product) {
            for (int i = 0; i < count; i++) {
                if (products[i].sameLine(values, product)) {
                    double left = Money.round(products[i].quantity - product.quantity);
                    if (left > 0) {
                        products[i].quantity = left;
                    } else {
                        drop(i);
                    }
                    return;
                }
            }
        }

        /** The cart is now these products (at most the last {@link #MAX_ITEMS}). */
        void replace(Product[] all, int n) {
            count = 0;
            for (int i = Math.max(0, n - MAX_ITEMS); i < n; i++) {
                products[count++] = all[i];
            }
        }

        private void drop(int index) {
            count--;
            for (int i = index; i < count; i++) {
                products[i] = products[i + 1];
            }
        }
    }

    /** The remembered cart, or an empty one; {@code cartId}, the event's cart_id, may start a new one. */
    Contents load(TabStorage storage, String account, int cartId) {
        Contents cart = new Contents();
        Found record = stored.in(values, storage.read(KEY + account));
        int version = record.kind(V) == Values.NUMBER ? (int) values.number(record.value(V)) : 0;
        boolean valid = version == VERSION && record.kind(ITEMS) == Values.ARRAY
                && (record.kind(CART_ID) == Values.UNDEFINED || record.identifier(CART_ID) != Values.NO_VALUE);
        Found[] items = valid ? itemKeys.inEach(values, record.value(ITEMS)) : new Found[0];
        if (items.length > MAX_ITEMS) {
            return cart;
        }
        for (Found item : items) {
            Product product = Product.stored(values, item);
            if (product == null) {
                cart.count = 0;
                return cart;
            }
            cart.products[cart.count++] = product;
        }
        cart.id = record.value(CART_ID);
        if (cartId != Values.NO_VALUE && cart.id != Values.NO_VALUE
                && !values.text(cartId).equals(values.text(cart.id))) {
            cart.count = 0;
        }
        if (cartId != Values.NO_VALUE) {
            cart.id = cartId;
        }
        return cart;
    }

    /** Remembers the cart, whose Items list (made by {@link Items#cart}) is {@code items}. */
    void save(TabStorage storage, String account, Contents cart, int items) {
        int[] record = store.values();
        record[V] = values.ofNumber(VERSION);
        record[CART_ID] = cart.id;
        record[ITEMS] = items;
        storage.write(KEY + account, store.build(values, Values.NO_VALUE, 0, record));
    }
}
