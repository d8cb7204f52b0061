package destination.klaviyo.browser;

import destination.klaviyo.core.Identity;
import org.teavm.jso.JSBody;

/**
 * What this browser tab knows of who the visitor is, for the core's {@link Identity}
 * (src/main/js/identity.js): whether the tab sent Klaviyo an identify with an identifier, kept in
 * sessionStorage so that it lasts across the tab's page loads and ends with the tab, and what
 * Klaviyo's running script says.
 */
final class TabIdentity implements Identity {
    @Override
    public boolean identified() {
        return known();
    }

    @Override
    public void remember(boolean sent) {
        remember0(sent);
    }

    @JSBody(script = "return identityKnown();")
    private static native boolean known();

    @JSBody(params = "s", script = "identityRemember(s);")
    private static native void remember0(boolean sent);
}
