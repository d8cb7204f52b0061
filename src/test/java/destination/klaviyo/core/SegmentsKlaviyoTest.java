package destination.klaviyo.core;

import destination.klaviyo.JsonText;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Whether Analytics Next runs Segment's own Klaviyo destination, as its CDN settings and load options
 * decide (Analytics Next 1.84's isInstallableIntegration and isDisabledIntegration): when it does, the
 * plugin warns that Klaviyo gets every call twice.
 */
class SegmentsKlaviyoTest {
    /** Klaviyo's entry as Segment's CDN serves it for a source with Klaviyo on in device mode. */
    private static final String DEVICE_MODE = """
            {"apiKey": "cdnKey", "type": "browser", "bundlingStatus": "bundled",
             "versionSettings": {"version": "1.0.0", "componentTypes": ["browser"]}}""";

    private static boolean runs(String cdnIntegrations, String loadIntegrations) {
        JavaValues values = new JavaValues();
        return SegmentsKlaviyo.runs(values, values.hold(JsonText.parse(cdnIntegrations)),
                values.hold(JsonText.parse(loadIntegrations)));
    }

    private static boolean runsWithKlaviyo(String klaviyo) {
        return runs("{\"Segment.io\": {\"apiKey\": \"w\"}, \"Klaviyo\": " + klaviyo + "}", "{}");
    }

    @Test
    void klaviyoInDeviceModeRuns() {
        assertTrue(runsWithKlaviyo(DEVICE_MODE));
        assertTrue(runsWithKlaviyo("{\"type\": \"browser\"}"), "the type alone, and no bundlingStatus");
        assertTrue(runsWithKlaviyo("{\"type\": \"server\", \"versionSettings\": {\"componentTypes\": [\"server\", \"browser\"]}}"),
                "browser among the component types");
    }

    @Test
    void klaviyoInCloudModeOnlyOrUnbundledDoesNotRun() {
        assertFalse(runsWithKlaviyo("{\"type\": \"server\", \"versionSettings\": {\"componentTypes\": [\"server\"]}}"));
        assertFalse(runsWithKlaviyo("{\"apiKey\": \"cdnKey\"}"), "neither a type nor component types");
        assertFalse(runsWithKlaviyo("""
                {"type": "browser", "bundlingStatus": "unbundled", "versionSettings": {"componentTypes": ["browser"]}}"""));
        assertFalse(runsWithKlaviyo("{\"type\": \"Browser\"}"), "Analytics Next compares exactly");
        assertFalse(runsWithKlaviyo("{\"versionSettings\": {\"componentTypes\": \"browser\"}}"), "not a list");
    }

    @Test
    void noKlaviyoEntryRunsNothing() {
        assertFalse(runs("{\"Segment.io\": {\"apiKey\": \"w\"}}", "{}"));
        assertFalse(runs("{\"klaviyo\": " + DEVICE_MODE + "}", "{}"), "the name is exact");
        assertFalse(runsWithKlaviyo("true"));
        assertFalse(runs("null", "{}"));
        JavaValues values = new JavaValues();
        assertFalse(SegmentsKlaviyo.runs(values, values.hold(JavaValues.JS_UNDEFINED),
                values.hold(JavaValues.JS_UNDEFINED)), "an Analytics Next without CDN settings");
    }

    @Test
    void loadOptionsThatTurnKlaviyoOffKeepItFromRunning() {
        String cdn = "{\"Klaviyo\": " + DEVICE_MODE + "}";
        assertFalse(runs(cdn, "{\"Klaviyo\": false}"));
        assertFalse(runs(cdn, "{\"All\": false}"));
        assertFalse(runs(cdn, "{\"All\": false, \"Segment.io\": true}"));
        assertTrue(runs(cdn, "{\"All\": false, \"Klaviyo\": true}"), "named, Klaviyo stays on");
        assertTrue(runs(cdn, "{\"All\": false, \"Klaviyo\": {\"apiKey\": \"other\"}}"), "settings keep it on");
        assertTrue(runs(cdn, "{\"Klaviyo\": 0}"), "only false turns it off");
        assertTrue(runs(cdn, "{\"Klaviyo\": {\"apiKey\": \"other\"}}"));
        assertTrue(runs(cdn, "null"));
    }
}
