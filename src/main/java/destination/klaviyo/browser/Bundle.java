package destination.klaviyo.browser;

import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;

/**
 * The bundle's entry point. src/build/bundle.mjs calls {@link #integration()} once and exposes the
 * constructor it returns as {@code window.KlaviyoIntegration} (or a module's export), and to Analytics
 * Next as {@code window.klaviyoIntegration}.
 */
public final class Bundle {
    /** The destination's version, reported to Analytics Next by the plugin. */
    static final String VERSION = "1.0.0";

    private Bundle() {
    }

    @JSExport
    public static JSObject integration() {
        return IntegrationClass.define(VERSION);
    }
}
