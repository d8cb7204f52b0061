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
    // What is read of each object, and the entry of each key, by its name.
    private static final String INTEGRATIONS = "=Klaviyo";

    private interface Setting {
        String KEYS = "=bundlingStatus =type =versionSettings";
        int BUNDLING_STATUS = 0;
        int TYPE = 1;
        int VERSION_SETTINGS = 2;
    }

    private static final String VERSION = "=componentTypes";

    private interface Load {
        String KEYS = "=Klaviyo =All";
        int KLAVIYO = 0;
        int ALL = 1;
    }

    private SegmentsKlaviyo() {
    }

    /**
     * {@code cdnIntegrations}: the CDN settings' {@code integrations}; {@code loadIntegrations}: the
     * {@code integrations} of the load options. Anything not an object has no Klaviyo. Asked once per
     * plugin, so the key lists are registered per call.
     */
    public static boolean runs(Values values, int cdnIntegrations, int loadIntegrations) {
        Found cdn = new KeyList(values, INTEGRATIONS).in(values, cdnIntegrations);
        if (cdn.kind(Found.ONLY) != Values.OBJECT) {
            return false;
        }
        Found klaviyo = new KeyList(values, Setting.KEYS).in(values, cdn.value(Found.ONLY));
        boolean unbundled = is(values, klaviyo.value(Setting.BUNDLING_STATUS), "unbundled");
        boolean browser = is(values, klaviyo.value(Setting.TYPE), "browser");
        int types = new KeyList(values, VERSION).in(values, klaviyo.value(Setting.VERSION_SETTINGS)).value(Found.ONLY);
        for (int i = 0, n = values.length(types); i < n && !browser; i++) {
            browser = is(values, values.at(types, i), "browser");
        }
        Found load = new KeyList(values, Load.KEYS).in(values, loadIntegrations);
        boolean off = off(load, Load.KLAVIYO) || load.kind(Load.KLAVIYO) == Values.UNDEFINED && off(load, Load.ALL);
        return browser && !unbundled && !off;
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
