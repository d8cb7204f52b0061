package destination.klaviyo.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A classic script of the destination adds to the page only the globals it exists to add: any other
 * top-level name would be the page's to overwrite, and a second copy of the bundle (Segment's Klaviyo
 * beside the plugin) would overwrite it too.
 */
class ScriptGlobalsTest {
    /** The names a script added to window, as JSON, once it has run (and, for the loader, been called). */
    private static String globalsAddedBy(String script, String then) {
        try (HostPage page = HostPage.bare(web -> web.text(HostPage.SHOP + "/bare.html", "text/html",
                "<!doctype html><html><head><script>window.globalsBefore = Object.getOwnPropertyNames(window);</script>"
                        + "<script src=\"/dist/" + script + "\"></script><script>" + then + "</script></head>"
                        + "<body></body></html>"))) {
            return page.text("JSON.stringify(Object.getOwnPropertyNames(window).filter(function (k) {"
                    + " return globalsBefore.indexOf(k) < 0 && ['globalsBefore', 'hostPageErrors'].indexOf(k) < 0;"
                    + " }).sort())");
        }
    }

    @Test
    void klaviyoJsAddsOnlyKlaviyoIntegration() {
        assertEquals("[\"KlaviyoIntegration\"]", globalsAddedBy("klaviyo.js", ""));
    }

    @Test
    void klaviyoDynamicJsAddsOnlyWhatAnalyticsNextLoads() {
        assertEquals("[\"klaviyoDeps\",\"klaviyoIntegration\",\"klaviyoLoader\"]",
                globalsAddedBy("klaviyo.dynamic.js", "window.klaviyoLoader();"));
    }
}
