package destination.klaviyo.browser;

import destination.klaviyo.core.Identity;
import org.teavm.jso.JSBody;

/**
 * The core's {@link Identity} in the browser (src/main/js/identity.js): the tab's memory of an
 * identify sent, in sessionStorage so that it lasts across the tab's page loads and ends with the
 * tab, and Klaviyo's running script's answer to isIdentified().
 */
final class TabIdentity implements Identity {
    @Override
    public boolean remembered() {
        return remembered0();
    }

    @Override
    public boolean klaviyoSaysIdentified() {
        return klaviyoSays();
    }

    @Override
    public void remember(boolean sent) {
        remember0(sent);
    }

    @JSBody(script = "return identityRemembered();")
    private static native boolean remembered0();

    @JSBody(script = "return identityKlaviyoSays();")
    private static native boolean klaviyoSays();

    @JSBody(params = "s", script = "identityRemember(s);")
    private static native void remember0(boolean sent);
}
