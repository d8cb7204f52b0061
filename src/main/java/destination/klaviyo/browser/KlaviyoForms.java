package destination.klaviyo.browser;

import destination.klaviyo.core.FormEvent;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Klaviyo's sign-up forms reported to analytics.js (setting {@code reportKlaviyoForms}): a visitor's
 * submit becomes an identify and a track on the host's analytics instance, as core/FormEvent decides
 * and src/main/js/forms.js listens. https://developers.klaviyo.com/en/docs/track_klaviyo_form_activity_using_javascript
 */
final class KlaviyoForms implements FormEvent.Analytics {
    private final JSObject analytics;

    KlaviyoForms(JSObject analytics) {
        this.analytics = analytics;
    }

    @Override
    public void call(String method, int arguments) {
        call(analytics, method, arguments);
    }

    /** Starts reporting, once per page, to the analytics instance the host gave {@code host}. */
    @JSBody(params = "h", script = "klaviyoForms(h);")
    static native void report(JSObject host);

    /** Calls the analytics instance's {@code method} with the elements of the port's array {@code arguments}. */
    @JSBody(params = {"a", "m", "h"}, script = "a[m].apply(a, portSlots[h]);")
    private static native void call(JSObject analytics, String method, int arguments);
}
