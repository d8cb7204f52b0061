package destination.klaviyo.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Klaviyo's onsite script and its command queue, {@code window._learnq}, as src/main/js/loader.js
 * handles them. https://developers.klaviyo.com/en/docs/javascript_api
 */
final class KlaviyoScript {
    private KlaviyoScript() {
    }

    /** Whether Klaviyo's script runs on this page (it has taken over {@code _learnq}). */
    @JSBody(script = "return klaviyoRunning();")
    static native boolean running();

    /** Whether the page already has Klaviyo's onsite script, ours or a store platform's. */
    @JSBody(script = "return klaviyoPresent();")
    static native boolean present();

    /** Inserts Klaviyo's onsite script; the destination hears when it loads or fails. */
    @JSBody(params = {"k", "d"}, script = "klaviyoInsert(k, d);")
    static native void insert(String apiKey, Destination destination);

    /** Gives Klaviyo the account, once per page and key, ahead of everything else. */
    @JSBody(params = "k", script = "klaviyoAccount(k);")
    static native void account(String apiKey);

    /** Hands a command to the running Klaviyo. */
    @JSBody(params = "c", script = "klaviyoPush(c);")
    static native void push(JSObject command);

    /** Calls the destination's poll() after a while. */
    @JSBody(params = {"d", "ms"}, script = "klaviyoPoll(d, ms);")
    static native void poll(Destination destination, int milliseconds);

    @JSBody(script = "return Date.now();")
    static native double now();
}
