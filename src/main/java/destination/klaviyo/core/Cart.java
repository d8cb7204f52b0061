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
 *   <li>Order Completed empties it.</li>
 *   <li>A {@code cart_id} other than the remembered one starts a new cart; a cart remembered without
 *       one takes the event's.</li>
 * </ul>
 * It holds at most {@link #MAX_ITEMS} items (the oldest go first) and nothing but product fields, in
 * the tab's session storage as {@code {v: 1, cart: cart_id, items: [{product_id, sku, name, price,
 * quantity, url, image_url, category}]}}. A stored value that is not that (corrupt, edited, from
 * another version) starts an empty cart.
 *
 * <p>One Cart serves the events of a page one at a time: {@link #load} starts each.
 */
final class Cart {
    static final int MAX_ITEMS = 100;
    /** The storage key: one cart per Klaviyo account, so two destinations never add a product twice. */
    static final String KEY = "klaviyo_cart:";
    private static final int VERSION = 1;

    private static final String RECORD = "v cart items";
    private static final String RECORD_READ = "=v =cart =items";
    private static final int V = 0;
    private static final int CART_ID = 1;
    private static final int ITEMS = 2;

    private final Values values;
    private final Product.Keys keys;
    private final KeyList record;
    private final KeyList recordRead;
    /** A product as stored: Segment's names, which {@link Product} reads back. */
    private final Shape stored;

    final Product[] products = new Product[MAX_ITEMS];
    int count;
    /** The cart's cart_id, or {@link Values#NO_VALUE}. */
    int id;

    Cart(Values values, Product.Keys keys) {
        this.values = values;
        this.keys = keys;
        record = new KeyList(values, RECORD);
        recordRead = new KeyList(values, RECORD_READ);
        stored = new Shape(values, keys.vocabulary, "product_id=productid,id sku=sku name=name price=money:price"
                + " quantity=given url=url,producturl image_url=imageurl category=category");
    }

    /** The remembered cart, or an empty one; {@code cartId}, the event's cart_id, may start a new one. */
    void load(TabStorage storage, String account, int cartId) {
        Found saved = recordRead.in(values, storage.read(KEY + account));
        count = 0;
        id = saved.identifier(CART_ID);
        boolean valid = saved.kind(V) == Values.NUMBER && values.number(saved.value(V)) == VERSION
                && (saved.kind(CART_ID) == Values.UNDEFINED || id != Values.NO_VALUE);
        Found[] items = valid && saved.kind(ITEMS) == Values.ARRAY ? keys.vocabulary.readEach(saved.value(ITEMS))
                : new Found[0];
        // Every item is a product this cart wrote: an object with its quantity.
        for (int i = 0; i < items.length && count >= 0; i++) {
            count = i < MAX_ITEMS && items[i].isObject() && items[i].kind(keys.quantity) == Values.NUMBER
                    ? count + 1 : -1;
        }
        if (!valid || count < 0 || cartId != Values.NO_VALUE && id != Values.NO_VALUE
                && !values.text(cartId).equals(values.text(id))) {
            count = 0;
            id = Values.NO_VALUE;
        }
        for (int i = 0; i < count; i++) {
            products[i] = new Product(values, keys, items[i]);
        }
        if (cartId != Values.NO_VALUE) {
            id = cartId;
        }
    }

    /** Adds a product; the same line adds up its quantity. */
    void add(Product added) {
        for (int i = 0; i < count; i++) {
            if (products[i].sameLine(values, added)) {
                products[i].quantity = Product.round(products[i].quantity + added.quantity);
                return;
            }
        }
        if (count == MAX_ITEMS) {
            drop(0);
        }
        products[count++] = added;
    }

    /** Takes a product's quantity off its line, and the line out at zero. */
    void remove(Product removed) {
        for (int i = 0; i < count; i++) {
            if (products[i].sameLine(values, removed)) {
                double left = Product.round(products[i].quantity - removed.quantity);
                products[i].quantity = left;
                if (left <= 0) {
                    drop(i);
                }
                return;
            }
        }
    }

    /** The cart is now these products (at most the last {@link #MAX_ITEMS}). */
    void replace(Product[] listed) {
        count = 0;
        for (int i = Math.max(0, listed.length - MAX_ITEMS); i < listed.length; i++) {
            products[count++] = listed[i];
        }
    }

    void empty() {
        count = 0;
        id = Values.NO_VALUE;
    }

    private void drop(int index) {
        count--;
        for (int i = index; i < count; i++) {
            products[i] = products[i + 1];
        }
    }

    /** Remembers the cart for the tab's next events. */
    void save(TabStorage storage, String account) {
        int[] items = new int[count];
        for (int i = 0; i < count; i++) {
            items[i] = stored.make(products[i].fields, false, values.ofNumber(products[i].quantity));
        }
        int[] fields = record.values();
        fields[V] = values.ofNumber(VERSION);
        fields[CART_ID] = id;
        fields[ITEMS] = values.array(items, count);
        storage.write(KEY + account, record.build(values, Values.NO_VALUE, 0, fields));
    }
}
