package destination.klaviyo.core;

/**
 * Whether Analytics Next runs Segment's own Klaviyo destination on the page, as it decides from the
 * source's CDN settings and its load options: a Klaviyo entry in device mode (not "unbundled", and
 * of type "browser" or with "browser" among its component types) that the load options do not turn
 * off ({@code Klaviyo: false}, or {@code All: false} without a {@code Klaviyo} entry). With the
 * plugin on that page as well, Klaviyo gets every call twice.
 * https://github.com/segmentio/analytics-next/blob/master/packages/browser/src/plugins/ajs-destination/utils.ts
 */
public final class SegmentsKlaviyo {
    // What is read of each object, in the order it is read.
    private static final String INTEGRATIONS = "=Klaviyo";
    private static final String KLAVIYO = "=bundlingStatus =type =versionSettings";
    private static final String VERSION = "=componentTypes";
    private static final String LOAD = "=Klaviyo =All";

    private SegmentsKlaviyo() {
    }

    /**
     * {@code cdnIntegrations}: the CDN settings' {@code integrations}; {@code loadIntegrations}: the
     * {@code integrations} of the load options. Anything not an object has no Klaviyo. Asked once per
     * plugin, so the key lists are registered per call.
     */
    public static boolean runs(Values values, int cdnIntegrations, int loadIntegrations) {
        Found cdn = new KeyList(values, INTEGRATIONS).in(values, cdnIntegrations).next();
        if (cdn.kind() != Values.OBJECT) {
            return false;
        }
        Found klaviyo = new KeyList(values, KLAVIYO).in(values, cdn.value());
        boolean unbundled = is(values, klaviyo.next().value(), "unbundled");
        boolean browser = is(values, klaviyo.next().value(), "browser");
        int types = new KeyList(values, VERSION).in(values, klaviyo.next().value()).next().value();
        for (int i = 0, n = values.length(types); i < n && !browser; i++) {
            browser = is(values, values.at(types, i), "browser");
        }
        Found load = new KeyList(values, LOAD).in(values, loadIntegrations);
        boolean off = off(load.next()) || load.kind() == Values.UNDEFINED && off(load.next());
        return browser && !unbundled && !off;
    }

    /** Whether the value is this exact string (no number or date has a string form like these). */
    private static boolean is(Values values, int value, String text) {
        return text.equals(values.text(value));
    }

    /** Whether the entry is {@code false} itself. */
    private static boolean off(Found found) {
        return found.kind() == Values.BOOLEAN && !found.truthy();
    }
}
