package destination.klaviyo.core;

/**
 * Checkout Started → Klaviyo's Started Checkout, which starts the abandoned-checkout flows.
 * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#started-checkout
 */
final class StartedCheckout {
    private StartedCheckout() {
    }

    /** The checkout's id: checkout_id, else order_id, else cart_id. */
    static final String CHECKOUT_ID = """
            from item
            id  checkoutId:id | orderId:id | cartId:id
            make nothing
            """;

    /**
     * Checkout Started → Started Checkout: $event_id is the checkout's id and the event's time in whole
     * Unix seconds, as Klaviyo's guide makes it, so that a shopper who comes back starts a new checkout
     * and a retried message deduplicates; the key that gave the id is taken over with it. Items come
     * from products, else from the remembered cart; $value is value, else revenue, else total, else
     * the Items' total.
     * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#started-checkout
     */
    static final String STARTED_CHECKOUT = """
            from item
            given identified eventId total names categories items
            $event_id    @eventId
            _id          checkoutId:id ~checkoutId | orderId:id ~orderId | cartId:id ~cartId   when identified
            $value       value:amount ~value | revenue:amount ~=revenue | total:amount ~total | @total
            ItemNames    @names
            CheckoutURL  checkoutUrl:id   -checkoutUrl
            Categories   @categories
            Items        @items
            drop products
            rest
            """;
}
