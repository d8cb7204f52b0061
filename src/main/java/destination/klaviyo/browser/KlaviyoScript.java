package destination.klaviyo.browser;

import destination.klaviyo.core.KlaviyoAccount;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Klaviyo's onsite script and the {@code klaviyo} object commands go through, as
 * src/main/js/loader.js handles them.
 * https://developers.klaviyo.com/en/docs/introduction_to_the_klaviyo_object
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

    /**
     * Inserts Klaviyo's onsite script. False when the page's Trusted Types refuse its address, through
     * our policy and as a plain URL.
     */
    @JSBody(params = "k", script = "return klaviyoInsert(k);")
    static native boolean insert(String apiKey);

    /**
     * The destination gives up if Klaviyo's script on the page fails to load, whoever inserted it, or
     * at once if it has failed already.
     */
    @JSBody(params = "d", script = "klaviyoWatch(d);")
    static native void watch(Destination destination);

    /**
     * Announces the account to Klaviyo (once per page and key) with a callback; the destination's
     * {@code klaviyoAnswered()} runs when Klaviyo calls it, at once if it already has.
     */
    @JSBody(params = {"k", "d"}, script = "klaviyoAccount(k, d);")
    static native void account(String apiKey, Destination destination);

    /**
     * Hands a command for account {@code apiKey} to the running Klaviyo, after the account when
     * {@link KlaviyoAccount} says so.
     */
    static void push(JSObject command, String apiKey) {
        if (KlaviyoAccount.handOver(holds(apiKey), apiKey)) {
            handOver(apiKey);
        }
        push(command);
    }

    /**
     * Whether the account handed over to Klaviyo last, by any copy of this bundle, is exactly this one
     * (a page's value that is not a string is none). Asked for every command: a boolean, not a string.
     */
    @JSBody(params = "k", script = "return portRead(window, '_klaviyoAccount') === k;")
    private static native boolean holds(String apiKey);

    /** Hands the account over to Klaviyo, and notes it for every copy of this bundle on the page. */
    @JSBody(params = "k", script = "try { window._klaviyoAccount = k; } catch (e) {} klaviyoPush(['account', k]);")
    private static native void handOver(String apiKey);

    @JSBody(params = "c", script = "klaviyoPush(c);")
    private static native void push(JSObject command);

    /** Asks Klaviyo's running script to forget the identity it holds for the page; nothing before it runs. */
    @JSBody(script = "klaviyoClearIdentity();")
    static native void clearIdentity();

    /** The page's host name, whose domains Klaviyo's cookies may be set on. */
    @JSBody(script = "return location.hostname;")
    static native String host();

    /** Sets a cookie for the whole site, without a domain, for maxAge seconds (0 deletes it). */
    @JSBody(params = {"n", "v", "a"}, script = "klaviyoCookie(n, v, a);")
    static native void setCookie(String name, String value, int maxAge);

    /** Deletes a cookie set with this domain ("": without one). */
    @JSBody(params = {"n", "d"}, script = "klaviyoCookie(n, '', 0, d);")
    static native void deleteCookie(String name, String domain);

    /** After a while, tells the destination that Klaviyo is late, unless it has answered by then. */
    @JSBody(params = {"d", "ms"}, script = "klaviyoWait(d, ms);")
    static native void waitFor(Destination destination, int milliseconds);
}
