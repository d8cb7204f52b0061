package destination.klaviyo.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * Klaviyo's onsite script and its command queue, {@code window._learnq}. Before the script runs,
 * {@code _learnq} is a plain array it drains on load; once it runs, Klaviyo replaces it with an object
 * whose {@code push} handles each command at once. That replacement is the sign of life we wait for.
 * https://developers.klaviyo.com/en/docs/javascript_api
 */
final class KlaviyoScript {
    /** Klaviyo's current onsite script; the public key goes in company_id. */
    static final String URL = "https://static.klaviyo.com/onsite/js/klaviyo.js?company_id=";

    private KlaviyoScript() {
    }

    @JSFunctor
    interface Callback extends JSObject {
        void run();
    }

    /** The script URL for a public key; the key is URL-encoded, so it cannot add markup or parameters. */
    static String url(String apiKey) {
        return URL + encode(apiKey);
    }

    /** Whether Klaviyo's script has taken over {@code _learnq}: it runs on this page. */
    @JSBody(script = "try { var q = window._learnq; return !!q && typeof q.push == 'function'"
            + " && q.push !== Array.prototype.push; } catch (e) { return false; }")
    static native boolean running();

    /** Whether the page already has Klaviyo's onsite script, ours or a store platform's. */
    @JSBody(script = "try { return !!document.querySelector('script[src*=\"static.klaviyo.com/onsite/js/\"]'); }"
            + " catch (e) { return false; }")
    static native boolean present();

    /** Inserts Klaviyo's script, asynchronous, with load and error listeners. */
    @JSBody(params = {"u", "l", "e"}, script = "var s = document.createElement('script');"
            + "s.async = true; s.src = u; s.onload = l; s.onerror = e;"
            + "(document.head || document.documentElement).appendChild(s);")
    static native void insert(String url, Callback onLoad, Callback onError);

    /**
     * Pushes a command onto {@code _learnq}, creating the array Klaviyo's script drains when it loads.
     * Used for the account command only: everything else waits in our bounded queue.
     */
    @JSBody(params = "c", script = "try { var q = window._learnq;"
            + "if (!q || typeof q.push != 'function') q = window._learnq = []; q.push(c); } catch (e) {}")
    static native void pushBeforeLoad(JSObject command);

    /** Hands a command to the running Klaviyo; false when there is no queue to take it. */
    @JSBody(params = "c", script = "var q; try { q = window._learnq; } catch (e) {}"
            + "if (!q || typeof q.push != 'function') return false; try { q.push(c); } catch (e) {} return true;")
    static native boolean push(JSObject command);

    /** The integration contract's reset(): the destination's global is cleared. */
    @JSBody(script = "try { window._learnq = void 0; } catch (e) {}")
    static native void clear();

    @JSBody(params = "k", script = "return encodeURIComponent(k);")
    private static native String encode(String key);

    @JSBody(params = {"f", "ms"}, script = "setTimeout(f, ms);")
    static native void later(Callback callback, int milliseconds);

    @JSBody(script = "return Date.now();")
    static native double now();
}
