package destination.klaviyo.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Logs the destination's decisions to the console, following analytics.js: on when
 * {@code localStorage.debug} enables {@code analytics:Klaviyo} as the debug module reads it (names
 * separated by commas or spaces, {@code *} for anything, a leading {@code -} to exclude; for example
 * {@code analytics:*}), silent otherwise. https://github.com/debug-js/debug#wildcards
 */
final class Debug {
    static final String NAMESPACE = "analytics:Klaviyo";

    private final boolean enabled = enabled(NAMESPACE);

    /** Logs a decision, with a value to inspect (or null). */
    void log(String message, JSObject value) {
        if (enabled) {
            print(NAMESPACE, message, value);
        }
    }

    // Reading localStorage throws where storage is blocked (sandboxed frames, some privacy modes).
    @JSBody(params = "n", script = "var on = false;"
            + "try { String(window.localStorage.getItem('debug') || '').split(/[\\s,]+/).forEach(function (p) {"
            + "  var skip = p.charAt(0) == '-'; if (skip) p = p.slice(1);"
            + "  if (p && new RegExp('^' + p.replace(/[.+?^${}()|[\\]\\\\]/g, '\\\\$&').replace(/\\*/g, '.*') + '$').test(n))"
            + "    on = skip ? null : on !== null; }); } catch (e) {}"
            + "return !!on;")
    private static native boolean enabled(String namespace);

    @JSBody(params = {"n", "m", "v"}, script = "try { v === null ? console.log(n, m) : console.log(n, m, v); }"
            + " catch (e) {}")
    private static native void print(String n, String m, JSObject v);
}
