package destination.klaviyo.browser;

import org.teavm.jso.JSBody;

/**
 * Klaviyo's Create Client Subscription, as src/main/js/subscriptions.js makes it: a request with the
 * public key in its address, tried again when the failure may pass, remembered in localStorage (as a
 * hash) once Klaviyo accepted it.
 * https://developers.klaviyo.com/en/v2025-01-15/reference/create_client_subscription
 */
final class Subscriptions {
    private Subscriptions() {
    }

    /**
     * Subscribes the email, and the phone to SMS when it is a value, to the list, unless this browser
     * made or is making that subscription: false then.
     */
    @JSBody(params = {"k", "l", "e", "p"}, script = "return subscriptionsRequest(k, portSlots[l], portSlots[e], portSlots[p]);")
    static native boolean request(String apiKey, int list, int email, int phone);
}
