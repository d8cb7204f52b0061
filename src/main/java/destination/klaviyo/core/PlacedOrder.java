package destination.klaviyo.core;

/**
 * Order Completed, with the setting klaviyoEcommerceMetrics → Klaviyo's standard Placed Order, then
 * one Ordered Product per product, with Klaviyo's property names, so that its flows, its prebuilt
 * templates and its catalog lookups find them.
 * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#placed-order
 *
 * <p>{@code $event_id} and {@code $value} are read as for the classic order ({@link OrderCompleted}):
 * order_id (or orderId, or id) and revenue (else total); order_id, revenue and products are left out
 * of the event, id and total stay. An Ordered Product's value is its line's total.
 */
final class PlacedOrder {
    static final String PLACED_ORDER = "Placed Order";

    private final Values values;
    private final Items items;
    private final Vocabulary order;
    private final int productsKey;
    private final Shape placedOrder;
    private final Shape orderedProduct;

    PlacedOrder(Values values, Items items, Product.Keys product) {
        this.values = values;
        this.items = items;
        order = new Vocabulary(values);
        // OrderCompleted's order keys first, in its order: its orderId() and value() read them.
        order.key("id");
        order.key("orderid");
        order.key("revenue");
        order.key("total");
        productsKey = order.key("products");
        // Klaviyo's Placed Order: the order's own properties follow; coupon and discount are renamed.
        placedOrder = new Shape(values, order, "$event_id=given $value=given OrderId=given Categories=given"
                + " ItemNames=given Brands=given DiscountCode=coupon DiscountValue=money:discount Items=given"
                + " -=dropped:orderid,revenue,products");
        orderedProduct = new Shape(values, product.vocabulary, "$event_id=given $value=given OrderId=given"
                + " ProductName=name ProductID=productid,id SKU=sku Categories=list:category ImageURL=imageurl"
                + " ProductURL=url,producturl ProductBrand=brand Quantity=given");
    }

    void send(int properties, Commands out) {
        Found found = order.read(properties);
        int orderId = OrderCompleted.orderId(found);
        Product[] products = found.kind(productsKey) == Values.ARRAY ? items.read(found.value(productsKey)) : new Product[0];
        int count = products.length;
        out.send(values.command("track", values.ofString(PLACED_ORDER), placedOrder.make(found, true, orderId,
                OrderCompleted.value(values, found), orderId, items.categories(null, products, count),
                items.names(products, count), items.brands(products, count), items.order(products, count))));

        int event = count > 0 ? values.ofString(OrderCompleted.ORDERED_PRODUCT) : Values.NO_VALUE;
        int[] keys = new int[count];
        for (int i = 0; i < count; i++) {
            keys[i] = products[i].id != Values.NO_VALUE ? products[i].id : products[i].sku;
        }
        OrderedProductIds ids = new OrderedProductIds(values, orderId, keys);
        for (int i = 0; i < count; i++) {
            Product p = products[i];
            out.send(values.command("track", event, orderedProduct.make(p.fields, false,
                    ids.id(i, p.sku, p.position), items.number(p.rowTotal()), orderId, values.ofNumber(p.quantity))));
        }
    }
}
