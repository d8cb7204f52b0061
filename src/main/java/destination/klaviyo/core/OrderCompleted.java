package destination.klaviyo.core;

/**
 * Order Completed → the order as one Klaviyo event, then one "Ordered Product" event per product.
 * https://segment.com/docs/connections/spec/ecommerce/v2/#order-completed
 * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#placed-order
 *
 * <p>As the classic destination sent them, the order keeps the name it was tracked with and the
 * products' own properties. With the setting klaviyoEcommerceMetrics, they are Klaviyo's standard
 * Placed Order and Ordered Product instead, with Klaviyo's property names, so that its flows, its
 * prebuilt templates and its catalog lookups find them.
 *
 * <p>Both read {@code $event_id} and {@code $value} as the facade does: the order id is id, else
 * order_id (or orderId), a non-empty string or a non-zero number; the value is revenue, else total,
 * read as currency. order_id, revenue and products are left out of the order; id and total stay.
 */
final class OrderCompleted {
    static final String ORDERED_PRODUCT = "Ordered Product";
    static final String PLACED_ORDER = "Placed Order";

    /**
     * The event names analytics.js-integration routes to orderCompleted, ignoring case: "Order
     * Completed", "order_completed", "Completed Order"... Anchored at both ends in both word orders,
     * unlike the classic's, so that "Completed Order Refunded" stays an ordinary event.
     */
    static final String NAME_PATTERN = "^[ _]?(?:completed[ _]?order|order[ _]?completed)[ _]?$";

    private final Values values;
    private final Items items;
    private final Product.Keys product;
    private final Vocabulary order;
    private final int idKey;
    private final int orderIdKey;
    private final int revenueKey;
    private final int totalKey;
    private final int productsKey;
    private final Shape classicOrder;
    private final Shape classicItem;
    private final Shape classicOrderedProduct;
    private final Shape placedOrder;
    private final Shape orderedProduct;

    OrderCompleted(Values values, Items items) {
        this.values = values;
        this.items = items;
        product = items.keys;
        order = new Vocabulary(values);
        idKey = order.key("id");
        orderIdKey = order.key("orderid");
        revenueKey = order.key("revenue");
        totalKey = order.key("total");
        productsKey = order.key("products");
        Vocabulary products = product.vocabulary;

        // The classic destination's: every key of a product it read is left out of its Items entry
        // and its Ordered Product, whatever the product's value.
        String productKeys = "-=dropped:productid,id,sku,name,quantity,price,category,producturl,imageurl";
        classicOrder = new Shape(values, order, "$event_id=given $value=given Categories=given ItemNames=given"
                + " Items=given -=dropped:orderid,revenue,products");
        classicItem = new Shape(values, products, "id=given SKU=any:sku Name=any:name Quantity=given"
                + " ItemPrice=any:price RowTotal=any:price ProductURL=any:producturl ImageURL=any:imageurl"
                + " Categories=given " + productKeys);
        classicOrderedProduct = new Shape(values, products, "$event_id=given $value=any:price Name=any:name"
                + " Quantity=given ProductCategories=given ProductURL=any:producturl ImageURL=any:imageurl SKU=any:sku"
                + " ProductID=given " + productKeys);

        // Klaviyo's: coupon and discount are renamed; an Ordered Product's value is its line's total.
        placedOrder = new Shape(values, order, "$event_id=given $value=given OrderId=given Categories=given"
                + " ItemNames=given Brands=given DiscountCode=coupon DiscountValue=money:discount Items=given"
                + " -=dropped:orderid,revenue,products");
        orderedProduct = new Shape(values, products, "$event_id=given $value=given OrderId=given"
                + " ProductName=name ProductID=productid,id SKU=sku Categories=list:category ImageURL=imageurl"
                + " ProductURL=url,producturl ProductBrand=brand Quantity=given");
        order.seal();
    }

    /** Sends the order and its Ordered Products: Klaviyo's metrics, or the classic destination's. */
    void send(int event, int properties, boolean klaviyoMetrics, Commands out) {
        Found found = order.read(properties);
        int orderId = truthyIdentifier(found, idKey);
        orderId = orderId != Values.NO_VALUE ? orderId : truthyIdentifier(found, orderIdKey);
        int value = Revenue.amount(values, found, found.truthy(revenueKey) ? revenueKey : totalKey);
        // The objects of the products array; null entries, strings and the like are skipped.
        Found[] all = found.kind(productsKey) == Values.ARRAY ? product.vocabulary.readEach(found.value(productsKey))
                : new Found[0];
        int[] positions = new int[all.length];
        int count = 0;
        for (int e = 0; e < all.length; e++) {
            if (all[e].isObject()) {
                positions[count] = e + 1;
                all[count++] = all[e];
            }
        }
        if (klaviyoMetrics) {
            Product[] products = new Product[count];
            for (int i = 0; i < count; i++) {
                products[i] = new Product(values, product, all[i]);
                products[i].position = positions[i];
            }
            placed(found, orderId, value, products, count, out);
        } else {
            classic(event, found, orderId, value, all, positions, count, out);
        }
    }

    private void placed(Found found, int orderId, int value, Product[] products, int count, Commands out) {
        out.send(values.command("track", values.ofString(PLACED_ORDER), placedOrder.make(found, true, orderId, value,
                orderId, items.categories(null, products, count), items.names(products, count),
                items.brands(products, count), items.order(products, count))));
        int[] keys = new int[count];
        for (int i = 0; i < count; i++) {
            keys[i] = products[i].id != Values.NO_VALUE ? products[i].id : products[i].sku;
        }
        OrderedProductIds ids = new OrderedProductIds(values, orderId, keys);
        int event = count > 0 ? values.ofString(ORDERED_PRODUCT) : Values.NO_VALUE;
        for (int i = 0; i < count; i++) {
            Product p = products[i];
            out.send(values.command("track", event, orderedProduct.make(p.fields, false,
                    ids.id(i, p.sku, p.position), items.number(p.rowTotal()), orderId, values.ofNumber(p.quantity))));
        }
    }

    /**
     * The classic destination's order: Categories and ItemNames as the products have them, each
     * product's id productId (when truthy) else id, its quantity when truthy else 1.
     */
    private void classic(int event, Found found, int orderId, int value, Found[] lines, int[] positions, int count,
            Commands out) {
        int[] ids = new int[count];
        int[] quantities = new int[count];
        int[] categories = new int[count];
        int[] names = new int[count];
        int[] itemList = new int[count];
        int[] keys = new int[count];
        int categoryCount = 0;
        int nameCount = 0;
        for (int i = 0; i < count; i++) {
            Found f = lines[i];
            ids[i] = f.truthy(product.productId) ? f.present(product.productId) : f.present(product.id);
            quantities[i] = f.truthy(product.quantity) && f.present(product.quantity) != Values.NO_VALUE
                    ? f.value(product.quantity) : values.ofNumber(1);
            int category = f.present(product.category);
            if (category != Values.NO_VALUE) {
                categories[categoryCount++] = category;
            }
            if (f.present(product.name) != Values.NO_VALUE) {
                names[nameCount++] = f.value(product.name);
            }
            itemList[i] = classicItem.make(f, true, ids[i], quantities[i], values.listOf(category));
            int key = truthyIdentifier(f, product.productId);
            key = key != Values.NO_VALUE ? key : truthyIdentifier(f, product.id);
            keys[i] = key != Values.NO_VALUE ? key : truthyIdentifier(f, product.sku);
        }
        out.send(values.command("track", event, classicOrder.make(found, true, orderId, value,
                values.array(categories, categoryCount), values.array(names, nameCount), values.array(itemList, count))));

        int orderedProduct = count > 0 ? values.ofString(ORDERED_PRODUCT) : Values.NO_VALUE;
        OrderedProductIds eventIds = new OrderedProductIds(values, orderId, keys);
        for (int i = 0; i < count; i++) {
            Found f = lines[i];
            int id = eventIds.id(i, truthyIdentifier(f, product.sku), positions[i]);
            out.send(values.command("track", orderedProduct, classicOrderedProduct.make(f, true, id, quantities[i],
                    values.listOf(f.present(product.category)), ids[i])));
        }
    }

    /** The facade's {@code a || b} for ids: a non-empty string or a number that is not 0. */
    private static int truthyIdentifier(Found found, int entry) {
        return found.truthy(entry) ? found.identifier(entry) : Values.NO_VALUE;
    }
}
