package destination.klaviyo.browser;

import org.teavm.jso.JSObject;

/** What the JavaScript side of {@link IntegrationClass} calls on a {@link Destination}. */
interface DestinationApi extends JSObject {
    void initialize();

    void invoke(String method, JSObject facade);

    void message(String type, JSObject message);

    void start();

    boolean loaded();

    void reset();

    JSObject options();

    /** Klaviyo's script element fired load. */
    void scriptLoaded();

    /** Klaviyo's script element fired error: blocked, or not there. */
    void scriptFailed();

    /** The timer while waiting for Klaviyo's script. */
    void poll();
}
