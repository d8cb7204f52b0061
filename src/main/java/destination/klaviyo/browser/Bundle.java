package destination.klaviyo.browser;

import destination.klaviyo.core.FormEvent;
import destination.klaviyo.core.SegmentsKlaviyo;
import destination.klaviyo.core.SubscriptionPolicy;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;

/**
 * What the JavaScript shell (src/main/js) calls in Java: plain functions, one per thing a host asks
 * of a destination. The shell guards every call: nothing thrown reaches the host, and the values a
 * call held are released when it returns.
 */
public final class Bundle {
    /** The port every destination of the page reads values through (it holds no destination's state). */
    private static JsValues values;
    /** What the page's Klaviyo forms reported (one per page), made at the first form event. */
    private static FormEvent forms;

    private Bundle() {
    }

    /** Called once, when the bundle's script runs. */
    @JSExport
    public static void bundleStart() {
        values = new JsValues();
    }

    @JSExport
    public static JSObject newDestination(Destination.Notifier notifier, JSObject settings, JSObject host) {
        return new Destination(values, notifier, settings, host);
    }

    @JSExport
    public static void initializeDestination(Destination destination) {
        destination.initialize();
    }

    /** Analytics Next loaded the plugin. */
    @JSExport
    public static void pluginLoaded(Destination destination) {
        destination.pluginLoaded();
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

    /**
     * Analytics Next's reset, a logout: the anonymousIds of the calls before it and after it, and
     * whether calls made before it are still on their way through the host.
     */
    @JSExport
    public static void logOutDestination(Destination destination, JSObject before, JSObject after, boolean underWay) {
        destination.resetHeard(before, after, underWay);
    }

    /**
     * The host was made a call (Analytics Next's dispatch_start): its type. False once the destination
     * needs to hear of no more calls: the shell then stops telling it.
     */
    @JSExport
    public static boolean hostCalled(Destination destination, JSObject type) {
        return destination.called(type);
    }

    /** The calls made before the last reset are through the host. */
    @JSExport
    public static void callsBeforeResetThrough(Destination destination) {
        destination.callsBeforeResetThrough();
    }

    /**
     * Whether Analytics Next runs Segment's own Klaviyo destination too, from its CDN settings'
     * integrations and its load options' integrations (see {@link SegmentsKlaviyo}).
     */
    @JSExport
    public static boolean segmentRunsKlaviyo(JSObject cdnIntegrations, JSObject loadIntegrations) {
        return SegmentsKlaviyo.runs(values, JsValues.hold(cdnIntegrations), JsValues.hold(loadIntegrations));
    }

    /** Whether to send a list subscription ({@link SubscriptionPolicy#mayStart}). src/main/js/subscriptions.js asks. */
    @JSExport
    public static boolean subscriptionMayStart(double stored, boolean refused, boolean underWay, double now) {
        return SubscriptionPolicy.mayStart(stored, refused, underWay, now);
    }

    /** What a list subscription does after an answer ({@link SubscriptionPolicy#next}). subscriptions.js asks. */
    @JSExport
    public static double subscriptionNext(int attempt, int status, double retryAfter, double random) {
        return SubscriptionPolicy.next(attempt, status, retryAfter, random);
    }

    /**
     * A klaviyoForms event's detail, reported to the host's analytics instance as {@link FormEvent}
     * decides. src/main/js/forms.js listens.
     */
    @JSExport
    public static void reportFormEvent(JSObject analytics, JSObject detail) {
        if (forms == null) {
            forms = new FormEvent(values);
        }
        forms.report(values, JsValues.hold(detail), new KlaviyoForms(analytics));
    }

    /** Klaviyo did not answer within loadTimeout. */
    @JSExport
    public static void klaviyoLate(Destination destination) {
        destination.late();
    }

    /** Klaviyo's script failed to load. */
    @JSExport
    public static void klaviyoFailed(Destination destination, String reason) {
        destination.giveUp(reason);
    }
}
