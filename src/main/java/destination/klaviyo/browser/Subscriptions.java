package destination.klaviyo.browser;

import org.teavm.jso.JSBody;

/**
 * Klaviyo's Create Client Subscription, as core/Subscription decides it and src/main/js/subscriptions.js
 * sends it: a request with the public key in its address, tried again and remembered in localStorage (under a hash of its key) as
 * core/SubscriptionPolicy decides.
 * https://developers.klaviyo.com/en/v2025-01-15/reference/create_client_subscription
 */
final class Subscriptions {
    private Subscriptions() {
    }

    /**
     * Sends the request's body, as core/Subscription made it, unless the policy says that this browser
     * made, is making, or (on this page) was refused the subscription of this key: false then.
     */
    @JSBody(params = {"a", "k", "b"}, script = "return subscriptionsRequest(a, portSlots[k], portSlots[b]);")
    static native boolean request(String apiKey, int key, int body);

    /** Stops retrying the subscriptions under way (a revocation of consent). */
    @JSBody(script = "subscriptionsCancel();")
    static native void cancel();
}
