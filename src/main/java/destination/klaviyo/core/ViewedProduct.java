package destination.klaviyo.core;

/**
 * Product Viewed → Klaviyo's Viewed Product, then the product in the browser's "recently viewed
 * items" (trackViewedItem), which Klaviyo's browse-abandonment flows and product feeds read.
 * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#viewed-product
 */
final class ViewedProduct {
    private ViewedProduct() {
    }

    /**
     * Product Viewed → Viewed Product: ProductID exactly as Klaviyo's catalog lookups need it, the
     * category as a list, the price as currency; the event's other properties follow as any track's.
     * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#viewed-product
     */
    static final String VIEWED_PRODUCT = """
            from item
            ProductName     name:id                                 -name
            ProductID       productId:id ~productId | id:id ~id
            SKU             sku:id                                  -sku
            Categories      category:idlist                         -category
            ImageURL        imageUrl:id                             -imageUrl
            URL             url:id ~url | productUrl:id ~productUrl
            Brand           brand:id                                -brand
            Price           price:amount                            -price
            CompareAtPrice  compareAtPrice:amount                   -compareAtPrice
            $value          revenue:money                           -=revenue
            rest
            """;

    /**
     * The viewed product as an item of the browser's recently viewed items: only a product with an id
     * and a name is one. https://developers.klaviyo.com/en/docs/javascript_api#track-viewed-items
     */
    static final String VIEWED_ITEM = """
            from item
            given metadata
            Title       name:id
            ItemId      productId:id | id:id
            Categories  category:idlist
            ImageUrl    imageUrl:id
            Url         url:id | productUrl:id
            Metadata    @metadata
            require Title
            require ItemId
            """;

    /** What a recently viewed item says of its product besides its names. */
    static final String VIEWED_ITEM_METADATA = """
            from item
            Brand           brand:id
            Price           price:amount
            CompareAtPrice  compareAtPrice:amount
            """;
}
