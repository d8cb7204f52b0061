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
    private final String[] used;
    private int count;

    OrderedProductIds(Values values, int orderId, int lines) {
        this.values = values;
        this.orderId = orderId;
        used = new String[lines];
    }

    /**
     * The next line's id, from its key (product id, else SKU), its SKU and its position (from 1); none
     * without an order id or a key, since an id with half missing would collide across orders.
     */
    int next(int key, int sku, int position) {
        if (orderId == Values.NO_VALUE || key == Values.NO_VALUE) {
            return Values.NO_VALUE;
        }
        int id = values.join(orderId, "_", key);
        String text = values.text(id);
        if (taken(text)) {
            int bySku = sku != Values.NO_VALUE ? values.join(id, "_", sku) : Values.NO_VALUE;
            String skuText = bySku != Values.NO_VALUE ? values.text(bySku) : null;
            if (skuText != null && !taken(skuText)) {
                id = bySku;
                text = skuText;
            } else {
                id = values.join(id, "_", values.ofNumber(position));
                text = values.text(id);
            }
        }
        used[count++] = text;
        return id;
    }

    private boolean taken(String text) {
        for (int i = 0; i < count; i++) {
            if (used[i].equals(text)) {
                return true;
            }
        }
        return false;
    }
}
