package destination.klaviyo.core;

/**
 * Order Completed → Klaviyo's Placed Order, then one Ordered Product per product, with Klaviyo's
 * property names, so that its flows, its prebuilt templates and its catalog lookups find them.
 * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#placed-order
 */
final class PlacedOrder {
    static final String NAME = "Placed Order";

    private PlacedOrder() {
    }

    /**
     * Order Completed → Placed Order: $event_id and $value read as the classic order reads them, the
     * order id again as OrderId, the products' distinct categories, names and brands, the coupon and
     * the discount, and the products as Items.
     * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#placed-order
     */
    static final String PLACED_ORDER = """
            from item
            given categories names brands items
            $event_id      id:known | orderId:known
            $value         revenue:truthy | total  >money
            OrderId        id:known | orderId:known
            Categories     @categories
            ItemNames      @names
            Brands         @brands
            DiscountCode   coupon:id          -coupon
            DiscountValue  discount:amount    -discount
            Items          @items
            drop orderId revenue products
            rest
            keep $event_id
            """;

    /** Where the order's products are. */
    static final String PRODUCTS = """
            from item
            lines  products:array
            make nothing
            """;

    /**
     * Each product of the order → Ordered Product: its $event_id unique within the order
     * ({@link OrderedProductIds}), its line's total as $value.
     * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#ordered-product
     */
    static final String ORDERED_PRODUCT = """
            from item
            given eventId rowTotal orderId quantity
            $event_id     @eventId
            $value        @rowTotal
            OrderId       @orderId
            ProductName   name:id
            ProductID     productId:id | id:id
            SKU           sku:id
            Categories    category:idlist
            ImageURL      imageUrl:id
            ProductURL    url:id | productUrl:id
            ProductBrand  brand:id
            Quantity      @quantity
            """;
}
