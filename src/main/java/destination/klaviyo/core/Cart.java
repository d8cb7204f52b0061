package destination.klaviyo.core;

/**
 * The shopper's cart as this browser tab remembers it, so that Added to Cart's {@code Items} hold the
 * whole cart: Klaviyo's abandoned-cart emails show the Items of the latest Added to Cart.
 * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#added-to-cart
 *
 * <ul>
 *   <li>Product Added adds the product; the same ProductID and SKU add up their quantities.</li>
 *   <li>Product Removed subtracts, and removes the line at zero.</li>
 *   <li>An event with a {@code products} array (Cart Viewed, Checkout Started...) says what the cart
 *       is: it replaces the remembered one.</li>
 *   <li>Order Completed empties it, and so does a logout: the next person in this tab starts with
 *       none.</li>
 *   <li>A {@code cart_id} other than the remembered one starts a new cart; a cart remembered without
 *       one takes the event's.</li>
 *   <li>It holds at most {@link #MAX_LINES} lines. When an addition would make one more, the oldest
 *       line leaves: the cart keeps the latest, which is what an abandoned-cart email shows.</li>
 * </ul>
 * It keeps nothing but product fields, in the tab's session storage, as {@link #RECORD} of
 * {@link #LINE}s. A stored value that is not that (corrupt, edited, from another version) starts an
 * empty cart.
 *
 * <p>One Cart serves the events of a page one at a time: {@link #load} starts each.
 */
final class Cart {
    static final int MAX_LINES = 100;
    /** The storage key, before the account's key: one cart per Klaviyo account, so two destinations never add a product twice. */
    static final String KEY = "klaviyo_cart";
    private static final int VERSION = 1;

    /** What an ecommerce event says of the cart: its products (the whole cart), its cart_id. */
    static final String EVENT = """
            from item
            _products  products:array
            _cartId    cartId:id
            make nothing
            keep _products _cartId
            """;

    /** A line as the tab stores it: Segment's names, which {@link Product} reads back. */
    static final String LINE = """
            from item
            given quantity
            product_id  productId:id | id:id
            sku         sku:id
            name        name:id
            price       price:amount
            quantity    @quantity
            url         url:id | productUrl:id
            image_url   imageUrl:id
            category    category:id
            """;

    /** The stored cart: this version, its cart_id, its lines. */
    static final String RECORD = """
            from nothing
            given version id lines
            v      @version
            cart   @id
            items  @lines
            """;

    /** The stored cart, read back: {@link #RECORD}'s keys, exactly. */
    static final String STORED = """
            from stored
            _version  =v:id
            _id       =cart:id
            _cart     =cart
            _lines    =items:array
            make nothing
            keep _version _id _cart _lines
            """;

    private final Values values;
    private final Rules rules;

    final Product[] lines = new Product[MAX_LINES];
    int count;
    /** The cart's cart_id, or {@link Values#NO_VALUE}. */
    int id;

    Cart(Values values, Rules rules) {
        this.values = values;
        this.rules = rules;
    }

    /** The storage key of an account's cart. */
    int key(String account) {
        return values.join(values.ofString(KEY), ":", values.ofString(account == null ? "" : account));
    }

    /** The remembered cart, or an empty one; {@code cartId}, the event's cart_id, may start a new one. */
    void load(TabStorage storage, int key, int cartId) {
        int stored = storage.read(key);
        rules.cartStored(rules.stored(stored), stored);
        id = rules.cartStoredId;
        boolean valid = values.number(rules.cartStoredVersion) == VERSION
                && (rules.cartStoredCart == Values.NO_VALUE || id != Values.NO_VALUE);
        Product[] read = valid && rules.cartStoredLines != Values.NO_VALUE
                ? Product.list(values, rules, rules.cartStoredLines) : new Product[0];
        // Every line is a product this cart wrote: an object (Product.list skips the rest) with its
        // quantity, a positive number, and no more of them than it keeps.
        valid = valid && read.length == values.length(rules.cartStoredLines) && read.length <= MAX_LINES;
        count = 0;
        for (int i = 0; valid && i < read.length; i++) {
            valid = read[i].counted && values.kind(read[i].written) == Values.NUMBER;
            lines[count++] = read[i];
        }
        if (!valid || cartId != Values.NO_VALUE && id != Values.NO_VALUE
                && !values.text(cartId).equals(values.text(id))) {
            count = 0;
            id = Values.NO_VALUE;
        }
        if (cartId != Values.NO_VALUE) {
            id = cartId;
        }
    }

    /** Adds a product; the same line adds up its quantity. */
    void add(Product added) {
        for (int i = 0; i < count; i++) {
            if (lines[i].sameLine(values, added)) {
                lines[i].quantity = Product.round(lines[i].quantity + added.quantity);
                return;
            }
        }
        if (count == MAX_LINES) {
            drop(0);
        }
        lines[count++] = added;
    }

    /** Takes a product's quantity off its line, and the line out at zero. */
    void remove(Product removed) {
        for (int i = 0; i < count; i++) {
            if (lines[i].sameLine(values, removed)) {
                double left = Product.round(lines[i].quantity - removed.quantity);
                lines[i].quantity = left;
                if (left <= 0) {
                    drop(i);
                }
                return;
            }
        }
    }

    /** The cart is now these products (at most the last {@link #MAX_LINES}). */
    void replace(Product[] listed) {
        count = 0;
        for (int i = Math.max(0, listed.length - MAX_LINES); i < listed.length; i++) {
            lines[count++] = listed[i];
        }
    }

    void empty() {
        count = 0;
        id = Values.NO_VALUE;
    }

    private void drop(int index) {
        count--;
        for (int i = index; i < count; i++) {
            lines[i] = lines[i + 1];
        }
    }

    /** Remembers the cart for the tab's next events. */
    void save(TabStorage storage, int key) {
        int[] stored = new int[count];
        for (int i = 0; i < count; i++) {
            stored[i] = rules.cartLine(lines[i].fields, Values.NO_VALUE, /* quantity */ values.ofNumber(lines[i].quantity));
        }
        storage.write(key, rules.cartRecord(/* version */ values.ofNumber(VERSION), /* id */ id,
                /* lines */ values.array(stored, count)));
    }
}
