package destination.klaviyo.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * How the two built files expose the destination: klaviyo.js as UMD (a global under a script tag, the
 * module's value under AMD or CommonJS), klaviyo.dynamic.js as Analytics Next's loader expects it.
 */
class BundleShapesTest {
    private static HostPage pageWith(String before, String script) {
        return HostPage.bare(web -> web.text(HostPage.SHOP + "/bare.html", "text/html",
                "<!doctype html><html><head><script>" + before + "</script>"
                        + "<script src=\"/dist/" + script + "\"></script></head><body></body></html>"));
    }

    @Test
    void aScriptTagDefinesKlaviyoIntegration() {
        try (HostPage page = pageWith("", "klaviyo.js")) {
            assertEquals("Klaviyo function", page.text("KlaviyoIntegration.prototype.name + ' ' + typeof KlaviyoIntegration.plugin"));
        }
    }

    @Test
    void thePluginReportsThePomsVersion() {
        String version = System.getProperty("project.version");
        assertEquals(true, version != null && version.matches("\\d+\\.\\d+\\.\\d+.*"), "the pom's version: " + version);
        try (HostPage page = pageWith("", "klaviyo.js")) {
            assertEquals(version, page.text("KlaviyoIntegration.plugin({apiKey: 'k'}).version"));
        }
    }

    @Test
    void anAmdLoaderGetsTheConstructorAndNoGlobal() {
        try (HostPage page = pageWith("window.define = function (factory) { window.defined = factory(); };"
                + " define.amd = {};", "klaviyo.js")) {
            assertEquals("Klaviyo undefined", page.text("defined.prototype.name + ' ' + typeof window.KlaviyoIntegration"));
        }
    }

    @Test
    void aCommonJsModuleExportsTheConstructorAndNoGlobal() {
        try (HostPage page = pageWith("window.module = {exports: {}};", "klaviyo.js")) {
            assertEquals("Klaviyo undefined",
                    page.text("module.exports.prototype.name + ' ' + typeof window.KlaviyoIntegration"));
        }
    }

    @Test
    void theDynamicFileGivesAnalyticsNextItsDepsAndLoader() {
        try (HostPage page = pageWith("", "klaviyo.dynamic.js")) {
            assertEquals("0 undefined undefined",
                    page.text("klaviyoDeps.length + ' ' + typeof window.klaviyoIntegration + ' ' + typeof window.KlaviyoIntegration"));
            page.run("klaviyoLoader(); window.first = klaviyoIntegration; klaviyoLoader();");
            assertEquals("Klaviyo true", page.text("klaviyoIntegration.prototype.name + ' ' + (first === klaviyoIntegration)"));
        }
    }
}
