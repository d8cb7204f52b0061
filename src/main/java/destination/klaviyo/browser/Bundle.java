package destination.klaviyo.browser;

import destination.klaviyo.core.Mapping;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;

/**
 * What the JavaScript shell (src/main/js) calls in Java: plain functions, one per thing a host asks
 * of a destination. The shell guards every call: nothing thrown reaches the host, and the values a
 * call held are released when it returns.
 */
public final class Bundle {
    /** The port and the mapping every destination of the page shares; made when the bundle starts. */
    private static Mapping mapping;

    private Bundle() {
    }

    /** Called once, when the bundle's script runs. */
    @JSExport
    public static void bundleStart() {
        mapping = new Mapping(new JsValues());
    }

    @JSExport
    public static JSObject newDestination(Destination.Notifier notifier, JSObject settings) {
        return new Destination(mapping, notifier, settings);
    }

    @JSExport
    public static void initializeDestination(Destination destination) {
        destination.initialize();
    }

    @JSExport
    public static void startDestination(Destination destination) {
        destination.start();
    }

    @JSExport
    public static void mapMessage(Destination destination, String type, JSObject message) {
        destination.message(type, message);
    }

    @JSExport
    public static boolean destinationLoaded(Destination destination) {
        return destination.loaded();
    }

    @JSExport
    public static void resetDestination(Destination destination) {
        destination.reset();
    }

    @JSExport
    public static void pollDestination(Destination destination) {
        destination.poll();
    }

    @JSExport
    public static void scriptFailed(Destination destination) {
        destination.scriptFailed();
    }
}
