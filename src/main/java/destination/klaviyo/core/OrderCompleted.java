package destination.klaviyo.core;

/**
 * Order Completed → the order as one Klaviyo event (under the name it was tracked with), then one
 * "Ordered Product" event per product, as the classic destination sent them.
 * https://segment.com/docs/connections/spec/ecommerce/v2/#order-completed
 * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration
 */
final class OrderCompleted {
    static final String ORDERED_PRODUCT = "Ordered Product";

    private final Values values;
    private final JsonCopy json;
    private final Commands out;

    OrderCompleted(Values values, JsonCopy json, Commands out) {
        this.values = values;
        this.json = json;
        this.out = out;
    }

    /**
     * The event names analytics.js-integration routes to orderCompleted, ignoring case: "Order
     * Completed", "order_completed", "Completed Order"...
     */
    static final String NAME_PATTERN = "^[ _]?completed[ _]?order|^[ _]?order[ _]?completed[ _]?$";

    void send(int event, Fields order) {
        int orderId = or(order.take(FacadeKeys.ID), order.take(FacadeKeys.ORDERID));
        // The facade's revenue(): revenue, or the total for an order; then read as currency.
        int revenue = order.take(FacadeKeys.REVENUE);
        if (!values.truthy(revenue)) {
            revenue = order.find(FacadeKeys.TOTAL);
        }
        revenue = Revenue.amount(values, revenue);
        int productList = order.take(FacadeKeys.PRODUCTS);

        int properties = json.copyRest(order, values.newObject());
        json.put(properties, "$event_id", orderId);
        json.put(properties, "$value", revenue);
        int categories = values.newArray();
        int itemNames = values.newArray();
        int items = values.newArray();
        values.put(properties, "Categories", categories);
        values.put(properties, "ItemNames", itemNames);
        values.put(properties, "Items", items);

        // The objects of the products array; null entries, strings and the like are skipped.
        int n = values.kind(productList) == Values.ARRAY ? Math.min(values.length(productList), JsonCopy.MAX_ITEMS) : 0;
        Product[] products = new Product[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            int value = values.at(productList, i);
            if (values.kind(value) == Values.OBJECT) {
                Product product = new Product(new Fields(values, value));
                products[count++] = product;
                pushCopy(categories, product.category);
                pushCopy(itemNames, product.name);
                values.push(items, product.item());
            }
        }
        out.send(KlaviyoCommand.track(values, event, properties));

        String orderText = idText(orderId);
        int orderedProduct = values.ofString(ORDERED_PRODUCT);
        for (int i = 0; i < count; i++) {
            out.send(KlaviyoCommand.track(values, orderedProduct, products[i].orderedProduct(orderText)));
        }
    }

    /** Appends a copy of a value that is there: undefined and null are skipped. */
    private void pushCopy(int array, int value) {
        int copy = json.copy(value);
        if (copy != JsonCopy.LEFT_OUT && copy != Values.NULL_VALUE) {
            values.push(array, copy);
        }
    }

    private int or(int first, int second) {
        return values.truthy(first) ? first : second;
    }

    /** An id as it reads in a string: a string, or a number as JavaScript writes it; else null. */
    private String idText(int id) {
        int kind = values.kind(id);
        return values.truthy(id) && (kind == Values.STRING || kind == Values.NUMBER) ? values.string(id) : null;
    }

    /** One product of the order, read once for both its Items entry and its Ordered Product event. */
    private final class Product {
        final Fields fields;
        final int productId;
        final int id;
        final int sku;
        final int name;
        final int quantity;
        final int price;
        final int category;
        final int url;
        final int image;

        Product(Fields fields) {
            this.fields = fields;
            productId = fields.take(FacadeKeys.PRODUCTID);
            id = fields.take(FacadeKeys.ID);
            sku = fields.take(FacadeKeys.SKU);
            name = fields.take(FacadeKeys.NAME);
            int q = fields.take(FacadeKeys.QUANTITY);
            quantity = values.truthy(q) ? q : values.ofNumber(1);
            price = fields.take(FacadeKeys.PRICE);
            category = fields.take(FacadeKeys.CATEGORY);
            url = fields.take(FacadeKeys.PRODUCTURL);
            image = fields.take(FacadeKeys.IMAGEURL);
        }

        /** The order's Items entry: the product's own properties, then the mapped ones. */
        int item() {
            int item = json.copyRest(fields, values.newObject());
            json.put(item, "id", or(productId, id));
            json.put(item, "SKU", sku);
            json.put(item, "Name", name);
            json.put(item, "Quantity", quantity);
            json.put(item, "ItemPrice", price);
            json.put(item, "RowTotal", price);
            json.put(item, "ProductURL", url);
            json.put(item, "ImageURL", image);
            putList(item, "Categories", category);
            return item;
        }

        /** The Ordered Product event's properties. */
        int orderedProduct(String orderId) {
            int event = json.copyRest(fields, values.newObject());
            json.put(event, "$value", price);
            json.put(event, "Name", name);
            json.put(event, "Quantity", quantity);
            putList(event, "ProductCategories", category);
            json.put(event, "ProductURL", url);
            json.put(event, "ImageURL", image);
            json.put(event, "SKU", sku);
            json.put(event, "ProductID", or(productId, id));
            // Klaviyo deduplicates on $event_id: without both halves it would collide, so it is left out.
            String productKey = idText(or(or(productId, id), sku));
            if (orderId != null && productKey != null) {
                values.put(event, "$event_id", values.ofString(values.concat(values.concat(orderId, "_"), productKey)));
            }
            return event;
        }

        private void putList(int target, String key, int value) {
            int copy = json.copy(value);
            if (copy != JsonCopy.LEFT_OUT && copy != Values.NULL_VALUE) {
                int list = values.newArray();
                values.push(list, copy);
                values.put(target, key, list);
            }
        }
    }
}
