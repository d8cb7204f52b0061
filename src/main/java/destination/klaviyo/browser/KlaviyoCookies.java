package destination.klaviyo.browser;

import org.teavm.jso.JSBody;

/**
 * Klaviyo's cookies, as src/main/js/consent.js writes them: {@code __kla_id}, the browser's identity
 * (up to two years), and {@code __kla_off=true}, which Klaviyo documents as turning its tracking off.
 * Klaviyo's script reads them when it starts, so a change shows from the next page on.
 * https://help.klaviyo.com/hc/en-us/articles/360034666712
 */
final class KlaviyoCookies {
    /** Tracking on again: {@code __kla_off} deleted. */
    static final int ON = 0;
    /** Consent revoked: {@code __kla_off=true} for a year, {@code __kla_id} deleted. */
    static final int OFF = 1;
    /** A logout: a running Klaviyo forgets the identity, {@code __kla_id} deleted. */
    static final int LOGOUT = 2;

    private KlaviyoCookies() {
    }

    /** Writes the cookies for {@link #ON}, {@link #OFF} or {@link #LOGOUT}. */
    @JSBody(params = "m", script = "klaviyoCookies(m);")
    static native void set(int mode);
}
