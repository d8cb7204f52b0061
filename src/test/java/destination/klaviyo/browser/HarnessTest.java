package destination.klaviyo.browser;

import destination.klaviyo.JsonText;

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
        assertEquals(JsonText.canonical("{\"a\": 1, \"b\": [1, 2.50, {\"y\": null, \"x\": true}]}"),
                JsonText.canonical("{\"b\":[1.0,2.5,{\"x\":true,\"y\":null}],\"a\":1}"));
        assertNotEquals(JsonText.canonical("[1, 2]"), JsonText.canonical("[2, 1]"));
        assertNotEquals(JsonText.canonical("{\"a\": \"1\"}"), JsonText.canonical("{\"a\": 1}"));
        assertEquals("[\"\\u003c/script\\u003e\",\"é\\n\"]", JsonText.write(JsonText.parse("[\"</script>\", \"\\u00e9\\n\"]")));
        assertThrows(IllegalArgumentException.class, () -> JsonText.parse("{\"a\": 1} x"));
    }

    @Test
    void jsonTextReadsAndWritesOnlyPlainJson() {
        assertEquals(List.of(1.0, 1.5e21, 2e-7), JsonText.parse("[1, 1.5e21, 2e-7]"));
        assertEquals("[1,1.5e+21,2e-7,-0.5]", JsonText.write(List.of(1.0, 1.5e21, 2e-7, -0.5)));
        assertEquals("{\"b\":1,\"a\":2}", JsonText.write(JsonText.parse("{\"b\": 1, \"a\": 2}")));
        assertEquals("\"\\u2028\\n\"", JsonText.quote("\u2028\n"));
        assertThrows(IllegalArgumentException.class, () -> JsonText.parse("{\"a\": 1, \"a\": 2}"));
        assertThrows(IllegalArgumentException.class, () -> JsonText.parseStrings("[\"a\", 1]"));
        for (Object notJson : new Object[] {Double.NaN, Double.POSITIVE_INFINITY, 1, 1L, java.math.BigInteger.ONE,
                new Object(), java.util.Map.of("a", List.of(Double.NaN))}) {
            assertThrows(IllegalArgumentException.class, () -> JsonText.write(notJson), String.valueOf(notJson));
        }
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
