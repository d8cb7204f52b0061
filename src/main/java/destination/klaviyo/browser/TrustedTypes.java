package destination.klaviyo.browser;

import org.teavm.jso.JSBody;

/**
 * The page's Trusted Types, as src/main/js/trusted-types.js meets them: where a Content-Security-Policy
 * requires them for scripts, Klaviyo's script can be inserted only through the policy
 * {@code klaviyo-destination}, which the CSP must name.
 * https://developer.mozilla.org/en-US/docs/Web/API/Trusted_Types_API
 */
final class TrustedTypes {
    private TrustedTypes() {
    }

    /** Whether a script's src can be set here: no Trusted Types, or the policy is made (once per page). */
    @JSBody(script = "return trustedTypesAllowed();")
    static native boolean allowed();
}
