package destination.klaviyo.core;

import destination.klaviyo.JsonText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SettingsTest {
    private static Settings read(String json) {
        JavaValues values = new JavaValues();
        return new Mapping(values, new IdentityStandIn(), new TabStorageStandIn().on(values)).settings(values.hold(JsonText.parse(json)));
    }

    @Test
    void readsTheBrowserSettingsAndDefaults() {
        Settings settings = read("""
                {"apiKey": " hfWBjc ", "enforceEmail": true, "privateKey": "pk_secret", "listId": "L1",
                 "confirmOptin": false, "sendAnonymous": true, "useSegmentSpec": true, "unknown": 1}""");
        assertEquals("hfWBjc", settings.apiKey);
        assertTrue(settings.enforceEmail);
        assertEquals(1000, settings.queueLimit);
        assertEquals(10000, settings.loadTimeout);
        assertFalse(settings.reportKlaviyoForms, "off unless a site turns it on");
        assertFalse(settings.subscribeInBrowser);
        assertEquals("L1", settings.listId);
        assertFalse(settings.confirmOptin);
    }

    @Test
    void reportKlaviyoFormsIsOnWhenSet() {
        assertTrue(read("{\"apiKey\": \"k\", \"reportKlaviyoForms\": true}").reportKlaviyoForms);
        assertFalse(read("{\"apiKey\": \"k\", \"reportKlaviyoForms\": false}").reportKlaviyoForms);
        assertFalse(read("{\"apiKey\": \"k\", \"ReportKlaviyoForms\": true}").reportKlaviyoForms, "the exact key only");
    }

    @Test
    void subscriptionsAreOffByDefaultAndConfirmOptinIsTrueUnlessFalse() {
        Settings settings = read("{\"apiKey\": \"k\"}");
        assertFalse(settings.subscribeInBrowser);
        assertNull(settings.listId);
        assertTrue(settings.confirmOptin);
        assertTrue(read("{\"confirmOptin\": \"false\"}").confirmOptin);
        assertTrue(read("{\"subscribeInBrowser\": true}").subscribeInBrowser);
        assertNull(read("{\"listId\": \" \"}").listId);
        assertNull(read("{\"listId\": 42}").listId);
    }

    @Test
    void aMissingEmptyOrNonStringApiKeyIsNoKey() {
        assertNull(read("{}").apiKey);
        assertNull(read("{\"apiKey\": \"  \"}").apiKey);
        assertNull(read("{\"apiKey\": 123456}").apiKey);
        assertFalse(read("{\"enforceEmail\": false}").enforceEmail);
    }

    @Test
    void trackByEmailIsOffUnlessSet() {
        assertFalse(read("{\"apiKey\": \"k\"}").trackByEmail);
        assertFalse(read("{\"trackByEmail\": false}").trackByEmail);
        assertTrue(read("{\"trackByEmail\": true}").trackByEmail);
    }

    @Test
    void queueLimitAndLoadTimeoutCanBeSet() {
        Settings settings = read("{\"apiKey\": \"k\", \"queueLimit\": 5, \"loadTimeout\": 250}");
        assertEquals(5, settings.queueLimit);
        assertEquals(250, settings.loadTimeout);
        assertEquals(1000, read("{\"queueLimit\": -1}").queueLimit);
        assertEquals(10000, read("{\"loadTimeout\": \"soon\"}").loadTimeout);
    }
}
