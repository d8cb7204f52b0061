package destination.klaviyo.browser;

import destination.klaviyo.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

/** The harness itself: what it compares, and that it fails a test when something goes wrong. */
class HarnessTest {
    @Test
    void jsonComparisonIgnoresKeyOrderButNotArrayOrder() {
        assertEquals(Json.canonical("{\"a\": 1, \"b\": [1, 2.50, {\"y\": null, \"x\": true}]}"),
                Json.canonical("{\"b\":[1.0,2.5,{\"x\":true,\"y\":null}],\"a\":1}"));
        assertNotEquals(Json.canonical("[1, 2]"), Json.canonical("[2, 1]"));
        assertNotEquals(Json.canonical("{\"a\": \"1\"}"), Json.canonical("{\"a\": 1}"));
        assertEquals("[\"\\u003c/script\\u003e\",\"é\\n\"]", Json.write(Json.parse("[\"</script>\", \"\\u00e9\\n\"]")));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1} x"));
    }

    @Test
    void aRequestToAnUnknownAddressIsRefusedAndFailsTheTest() {
        HostPage page = HostPage.analyticsCore(ShopEvents.SETTINGS);
        page.run("var x = new XMLHttpRequest(); x.open('GET', 'https://unknown.example/data?q=1', false); x.send();");
        assertEquals(List.of("GET https://unknown.example/data?q=1"),
                page.web().refused().stream().map(Object::toString).toList());
        AssertionError error = assertThrows(AssertionError.class, page::close);
        assertTrue(error.getMessage().contains("refused request"), error.getMessage());
    }

    @Test
    void anErrorThrownInATimerFailsTheTest() {
        // HtmlUnit also logs a timer's error with its stack; this one is on purpose.
        Logger jobs = Logger.getLogger("org.htmlunit.javascript.background.JavaScriptJobManagerImpl");
        Level level = jobs.getLevel();
        jobs.setLevel(Level.OFF);
        try {
            HostPage page = HostPage.analyticsCore(ShopEvents.SETTINGS);
            page.run("setTimeout(function () { throw new Error('thrown in a timer'); }, 0);");
            AssertionError error = assertThrows(AssertionError.class,
                    () -> page.assertKlaviyoCommands(ShopEvents.ACCOUNT));
            assertTrue(error.getMessage().contains("thrown in a timer"), error.getMessage());
            assertThrows(AssertionError.class, page::close);
        } finally {
            jobs.setLevel(level);
        }
    }

    @Test
    void anErrorInAReadyCallbackFailsTheTest() {
        HostPage page = HostPage.analyticsNextPlugin(ShopEvents.SETTINGS);
        page.whenReady("undefinedFunction();");
        page.awaitReady();
        assertThrows(AssertionError.class, page::close);
    }

    @Test
    void unexpectedCommandsFailTheComparison() {
        try (HostPage page = HostPage.analyticsCore(ShopEvents.SETTINGS)) {
            page.whenReady(ShopEvents.TRACK_WITH_REVENUE);
            assertThrows(AssertionError.class, () -> page.assertKlaviyoCommands(ShopEvents.ACCOUNT));
            assertThrows(AssertionError.class,
                    () -> page.assertKlaviyoCommands(ShopEvents.ACCOUNT, "[\"track\", \"event\", {\"$value\": 91}]"));
            page.assertKlaviyoCommands(ShopEvents.ACCOUNT, "[\"track\",\"event\",{\"$value\":90.0}]");
        }
    }
}
