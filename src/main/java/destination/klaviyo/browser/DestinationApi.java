package destination.klaviyo.browser;

import org.teavm.jso.JSObject;

/** What the JavaScript side of {@link IntegrationClass} calls on a {@link Destination}. */
interface DestinationApi extends JSObject {
    void initialize();

    void message(String type, JSObject message);

    void start();

    boolean loaded();

    void reset();

    /** Klaviyo's script element fired error: blocked, or not there. */
    void scriptFailed();

    /** While waiting for Klaviyo's script: on a timer, and when its element loads. */
    void poll();
}
