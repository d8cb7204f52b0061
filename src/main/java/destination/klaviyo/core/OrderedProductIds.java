package destination.klaviyo.core;

/**
 * The {@code $event_id}s of one order's Ordered Product events: {@code <order id>_<product key>}, as
 * the classic destination made them, but unique within the order. Klaviyo keeps only the first event
 * of a repeated {@code $event_id}, so two variants of one product (one product_id, two SKUs) would
 * lose a line of the purchase. A later line that would repeat an id gets {@code _<SKU>} appended when
 * that makes it unique, else {@code _<its position in products>}. The ids depend only on the order,
 * so a retried order still deduplicates.
 * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#placed-order
 */
final class OrderedProductIds {
    private final Values values;
    private final int orderId;
    private final int[] keys;
    /** For each line, 1 + the line before it with the same key, or 0: one crossing for the order. */
    private final int[] repeats;
    private final int[] ids;

    /** {@code keys}: each line's product key (its id, else its SKU), in order. */
    OrderedProductIds(Values values, int orderId, int[] keys) {
        this.values = values;
        this.orderId = orderId;
        this.keys = keys;
        repeats = new int[keys.length];
        ids = new int[keys.length];
        if (keys.length > 1) {
            values.repeats(keys, keys.length, repeats);
        }
    }

    /**
     * Line i's id, given its SKU and its position in products (from 1); none without an order id or
     * a key, since an id with half missing would collide across orders.
     */
    int id(int line, int sku, int position) {
        if (orderId == Values.NO_VALUE || keys[line] == Values.NO_VALUE) {
            return Values.NO_VALUE;
        }
        int id = values.join(orderId, "_", keys[line]);
        if (repeats[line] != 0) {
            int bySku = sku != Values.NO_VALUE ? values.join(id, "_", sku) : Values.NO_VALUE;
            id = bySku != Values.NO_VALUE && !taken(values.text(bySku), line) ? bySku
                    : values.join(id, "_", values.ofNumber(position));
        }
        ids[line] = id;
        return id;
    }

    /** Whether a line before this one has that id. */
    private boolean taken(String id, int line) {
        for (int i = 0; i < line; i++) {
            if (ids[i] != Values.NO_VALUE && id.equals(values.text(ids[i]))) {
                return true;
            }
        }
        return false;
    }
}
