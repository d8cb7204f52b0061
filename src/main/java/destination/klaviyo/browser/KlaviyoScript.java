package destination.klaviyo.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Klaviyo's onsite script and its command queue, {@code window._learnq}. Before the script runs,
 * {@code _learnq} is a plain array it drains on load; once it runs, Klaviyo replaces it with an object
 * whose {@code push} handles each command at once. That replacement is the sign of life we wait for.
 * https://developers.klaviyo.com/en/docs/javascript_api
 */
final class KlaviyoScript {
    private KlaviyoScript() {
    }

    /** Whether Klaviyo's script has taken over {@code _learnq}: it runs on this page. */
    @JSBody(script = "try { var q = window._learnq; return !!q && typeof q.push == 'function'"
            + " && q.push !== Array.prototype.push; } catch (e) { return false; }")
    static native boolean running();

    /** Whether the page already has Klaviyo's onsite script, ours or a store platform's. */
    @JSBody(script = "try { return !!document.querySelector('script[src*=\"static.klaviyo.com/onsite/js/\"]'); }"
            + " catch (e) { return false; }")
    static native boolean present();

    /**
     * Inserts Klaviyo's current onsite script, asynchronous, and tells the destination when it loads
     * or fails. The key is URL-encoded into company_id: it cannot add markup or parameters.
     */
    @JSBody(params = {"k", "d"}, script = "var s = document.createElement('script'); s.async = true;"
            + "s.src = 'https://static.klaviyo.com/onsite/js/klaviyo.js?company_id=' + encodeURIComponent(k);"
            + "s.onload = function () { d.poll(); }; s.onerror = function () { d.scriptFailed(); };"
            + "(document.head || document.documentElement).appendChild(s);")
    static native void insert(String apiKey, DestinationApi destination);

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

    /** Calls the destination's poll() after a while. */
    @JSBody(params = {"d", "ms"}, script = "setTimeout(function () { d.poll(); }, ms);")
    static native void poll(DestinationApi destination, int milliseconds);

    @JSBody(script = "return Date.now();")
    static native double now();
}
