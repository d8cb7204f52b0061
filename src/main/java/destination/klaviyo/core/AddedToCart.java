package destination.klaviyo.core;

/**
 * Product Added → Klaviyo's Added to Cart, whose Items hold the whole {@link Cart} after the addition:
 * Klaviyo's abandoned-cart emails show the Items of the latest Added to Cart.
 * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#added-to-cart
 */
final class AddedToCart {
    private AddedToCart() {
    }

    /**
     * Product Added → Added to Cart: the added product's fields as AddedItem properties, the cart as
     * Items, $value their total (the event's revenue when no line has a price, as any track's), and
     * AddedItemCategories the distinct categories of all the Items, the added product's first: Klaviyo's
     * segments filter on top-level properties only.
     * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#added-to-cart
     */
    static final String ADDED_TO_CART = """
            from item
            given total categories quantity names items
            $value                @total | revenue:money ~=revenue
            AddedItemProductName  name:id                                   -name
            AddedItemProductID    productId:id ~productId | id:id ~id
            AddedItemSKU          sku:id                                    -sku
            AddedItemCategories   @categories
            AddedItemImageURL     imageUrl:id                               -imageUrl
            AddedItemURL          url:id ~url | productUrl:id ~productUrl
            AddedItemPrice        price:amount                              -price
            AddedItemQuantity     quantity:count ~quantity | @quantity
            ItemNames             @names
            CheckoutURL           checkoutUrl:id                            -checkoutUrl
            Items                 @items
            drop products category
            rest
            """;
}
