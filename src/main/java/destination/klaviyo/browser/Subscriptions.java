package destination.klaviyo.browser;

import org.teavm.jso.JSBody;

/**
 * Klaviyo's Create Client Subscription, as src/main/js/subscriptions.js makes it: a request with the
 * public key in its address, retried as {@link destination.klaviyo.core.Subscription#retryDelay} says,
 * remembered in localStorage (as a hash) once made.
 * https://developers.klaviyo.com/en/v2025-01-15/reference/create_client_subscription
 */
final class Subscriptions {
    private Subscriptions() {
    }

    /**
     * Subscribes the email (and the phone to SMS, when it is a value) to the list, unless this browser
     * made, or is making, the subscription of that mark; false then. The destination hears each answer.
     */
    @JSBody(params = {"d", "k", "l", "e", "p", "m"},
            script = "return subscriptionsRequest(d, k, portSlots[l], portSlots[e], portSlots[p], portSlots[m]);")
    static native boolean request(Destination destination, String apiKey, int list, int email, int phone, int mark);
}
