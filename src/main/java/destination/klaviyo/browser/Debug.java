package destination.klaviyo.browser;

import destination.klaviyo.core.DebugSetting;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSString;

/**
 * Logs the destination's decisions to the console, following analytics.js: on when
 * {@code localStorage.debug} enables {@code analytics:Klaviyo} (for example {@code analytics:*}),
 * silent otherwise.
 */
final class Debug {
    static final String NAMESPACE = "analytics:Klaviyo";

    private final boolean enabled = DebugSetting.enables(setting(), NAMESPACE);

    void log(String message) {
        if (enabled) {
            print(NAMESPACE, message, null);
        }
    }

    void log(String message, JSObject value) {
        if (enabled) {
            print(NAMESPACE, message, value);
        }
    }

    void log(String message, String detail) {
        if (enabled) {
            print(NAMESPACE, message, JSString.valueOf(detail));
        }
    }

    void log(String message, int number) {
        if (enabled) {
            print(NAMESPACE, message, JSNumber.valueOf(number));
        }
    }

    // Reading localStorage throws where storage is blocked (sandboxed frames, some privacy modes).
    @JSBody(script = "try { var d = window.localStorage.getItem('debug'); return typeof d == 'string' ? d : null; }"
            + " catch (e) { return null; }")
    private static native String setting();

    @JSBody(params = {"n", "m", "v"}, script = "try { v === null ? console.log(n, m) : console.log(n, m, v); }"
            + " catch (e) {}")
    private static native void print(String n, String m, JSObject v);
}
