package destination.klaviyo.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Logs the destination's decisions to the console as analytics.js does, when {@code localStorage.debug}
 * enables {@code analytics:Klaviyo} (see src/main/js/debug.js); silent otherwise.
 */
final class Debug {
    private final boolean enabled = enabled();

    /** Logs a decision. */
    void log(String message) {
        if (enabled) {
            print(message, null);
        }
    }

    /** Logs a decision with a value to inspect. */
    void log(String message, JSObject value) {
        if (enabled) {
            print(message, value);
        }
    }

    /** Logs a decision with a reason. */
    void log(String message, String reason) {
        if (enabled) {
            print(message, text(reason));
        }
    }

    @JSBody(script = "return debugEnabled();")
    private static native boolean enabled();

    @JSBody(params = {"m", "v"}, script = "debugPrint(m, v);")
    private static native void print(String message, JSObject value);

    @JSBody(params = "t", script = "return t;")
    private static native JSObject text(String text);
}
