package destination.klaviyo.core;

/**
 * Order Completed, with the setting klaviyoEcommerceMetrics → Klaviyo's standard Placed Order, then
 * one Ordered Product per product, with Klaviyo's property names, so that its flows, its prebuilt
 * templates and its catalog lookups find them.
 * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#placed-order
 *
 * <p>{@code $event_id} and {@code $value} are read as for the classic order ({@link OrderCompleted}):
 * order_id (or orderId, or id) and revenue (else total); order_id, revenue and products are consumed,
 * id and total stay. coupon and discount become DiscountCode and DiscountValue. An Ordered Product's
 * value is its line's total.
 */
final class PlacedOrder {
    static final String PLACED_ORDER = "Placed Order";

    // OrderCompleted's order keys first (its orderId() and value() read them), then the discount.
    private static final String ORDER = "id orderid revenue total products coupon discount";
    private static final int ORDER_ID = 1;
    private static final int REVENUE = 2;
    private static final int PRODUCTS = 4;
    private static final int COUPON = 5;
    private static final int DISCOUNT = 6;

    private static final String ORDER_OUT = "$event_id $value OrderId Categories ItemNames Brands DiscountCode"
            + " DiscountValue Items";
    private static final String ORDERED_OUT = "$event_id $value OrderId ProductName ProductID SKU Categories ImageURL"
            + " ProductURL ProductBrand Quantity";

    private final Values values;
    private final Items items;
    private final KeyList orderKeys;
    private final KeyList productKeys;
    private final KeyList orderOut;
    private final KeyList orderedOut;

    PlacedOrder(Values values, Items items) {
        this.values = values;
        this.items = items;
        orderKeys = new KeyList(values, ORDER);
        productKeys = new KeyList(values, Product.KEYS);
        orderOut = new KeyList(values, ORDER_OUT);
        orderedOut = new KeyList(values, ORDERED_OUT);
    }

    void send(int properties, Commands out) {
        Found order = orderKeys.in(values, properties);
        int orderId = OrderCompleted.orderId(order);
        Product[] products = Product.list(values, productKeys, order, PRODUCTS);
        int count = products.length;

        int[] placed = orderOut.values();
        placed[0] = orderId;
        placed[1] = OrderCompleted.value(values, order);
        placed[2] = orderId;
        placed[3] = items.categories(null, products, count);
        placed[4] = items.names(products, count);
        placed[5] = items.brands(products, count);
        placed[6] = order.identifier(COUPON);
        placed[7] = items.number(Revenue.number(values, order, DISCOUNT));
        placed[8] = items.order(products, count);
        int consumed = KeyList.bit(ORDER_ID) | KeyList.bit(REVENUE) | KeyList.bit(PRODUCTS)
                | (placed[6] != Values.NO_VALUE ? KeyList.bit(COUPON) : 0)
                | (placed[7] != Values.NO_VALUE ? KeyList.bit(DISCOUNT) : 0);
        out.send(values.command("track", values.ofString(PLACED_ORDER), orderOut.build(values, order.record(), consumed,
                placed)));

        int orderedProduct = count > 0 ? values.ofString(OrderCompleted.ORDERED_PRODUCT) : Values.NO_VALUE;
        OrderedProductIds ids = new OrderedProductIds(values, orderId, count);
        for (int i = 0; i < count; i++) {
            Product p = products[i];
            int[] line = orderedOut.values();
            line[0] = ids.next(p.id != Values.NO_VALUE ? p.id : p.sku, p.sku, p.position);
            line[1] = items.number(p.rowTotal());
            line[2] = orderId;
            line[3] = p.name;
            line[4] = p.id;
            line[5] = p.sku;
            line[6] = values.listOf(p.category);
            line[7] = p.image;
            line[8] = p.url;
            line[9] = p.brand;
            line[10] = values.ofNumber(p.quantity);
            out.send(values.command("track", orderedProduct, orderedOut.build(values, Values.NO_VALUE, 0, line)));
        }
    }
}
