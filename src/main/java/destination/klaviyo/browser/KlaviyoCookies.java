package destination.klaviyo.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Klaviyo's cookies, as src/main/js/consent.js writes them: {@code __kla_id}, the browser's identity,
 * and {@code __kla_off=true}, which Klaviyo documents as turning its tracking off. Klaviyo's script
 * reads them when it starts, so a change shows from the next page on.
 * https://help.klaviyo.com/hc/en-us/articles/360034666712
 */
final class KlaviyoCookies {
    private KlaviyoCookies() {
    }

    /** Sets {@code __kla_off=true} for a year (path /, SameSite=Lax), or deletes it. */
    @JSBody(params = "o", script = "klaviyoCookieOff(o);")
    static native void off(boolean off);

    /**
     * Deletes {@code __kla_id} for this host and its parent domain; with {@code clear}, a running
     * Klaviyo is first asked to forget the identity it holds (its {@code clearIdentity}).
     */
    @JSBody(params = "c", script = "klaviyoCookieForget(c);")
    static native void forget(boolean clear);

    /** Calls the destination's logout when the host's analytics instance emits {@code reset}. */
    @JSBody(params = {"h", "d"}, script = "klaviyoOnReset(h, d);")
    static native void onReset(JSObject host, Destination destination);
}
