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
        mapping = new Mapping(new JsValues(), new TabIdentity(), new SessionStorage());
    }

    @JSExport
    public static JSObject newDestination(Destination.Notifier notifier, JSObject settings, JSObject host) {
        return new Destination(mapping, notifier, settings, host);
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
    public static void mapMessage(Destination destination, JSObject type, JSObject message) {
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
    public static void klaviyoAnswered(Destination destination) {
        destination.klaviyoAnswered();
    }

    /** A logout: forgets who the visitor is, on this page and in this tab. */
    @JSExport
    public static void forgetVisitor() {
        mapping.forget();
    }

    /** Klaviyo's script failed to load, or did not answer within loadTimeout: the reason says which. */
    @JSExport
    public static void klaviyoFailed(Destination destination, String reason) {
        destination.giveUp(reason);
    }
}
