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
    /** One key list for every object read: each read takes the entries it needs. */
    private static final String KEYS = "=Klaviyo =All =bundlingStatus =type =versionSettings =componentTypes";

    private SegmentsKlaviyo() {
    }

    /**
     * {@code cdnIntegrations}: the CDN settings' {@code integrations}; {@code loadIntegrations}: the
     * {@code integrations} of the load options. Anything not an object has no Klaviyo. Asked once per
     * plugin, so the key list is registered per call.
     */
    public static boolean runs(Values values, int cdnIntegrations, int loadIntegrations) {
        int keys = values.keys(KEYS);
        Found cdn = Found.in(values, cdnIntegrations, keys);
        if (cdn.kind(0) != Values.OBJECT) {
            return false;
        }
        Found klaviyo = Found.in(values, cdn.value(0), keys);
        int types = Found.in(values, klaviyo.value(4), keys).value(5);
        boolean browser = is(values, klaviyo.value(3), "browser");
        for (int i = 0, n = values.length(types); i < n && !browser; i++) {
            browser = is(values, values.at(types, i), "browser");
        }
        Found load = Found.in(values, loadIntegrations, keys);
        boolean off = off(load, 0) || load.kind(0) == Values.UNDEFINED && off(load, 1);
        return browser && !is(values, klaviyo.value(2), "unbundled") && !off;
    }

    /** Whether the value is this exact string (no number or date has a string form like these). */
    private static boolean is(Values values, int value, String text) {
        return text.equals(values.text(value));
    }

    /** Whether the entry is {@code false} itself. */
    private static boolean off(Found found, int entry) {
        return found.kind(entry) == Values.BOOLEAN && !found.truthy(entry);
    }
}
