package destination.klaviyo.core;

import static destination.klaviyo.core.JavaValues.map;

import destination.klaviyo.JsonText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which consent categories apply, whether a message passes, and when Segment's consent event grants
 * or revokes: each answer as "what becomes of the message" plus the effects the destination is asked
 * to carry out, in order (grant: delete __kla_off; revoke: log out, stop subscriptions, set
 * __kla_off; refuse: tell the host "ready").
 */
class ConsentTest {
    private static final String TARGETING = "{\"apiKey\": \"hfWBjc\", \"consentCategories\": [\"Targeting\"]}";
    private static final String EVENT = Consent.CONSENT_EVENT;

    private final JavaValues values = new JavaValues();
    private final List<String> effects = new ArrayList<>();
    private final Consent.Effects recorder = new Consent.Effects() {
        @Override
        public void grant() {
            effects.add("grant");
        }

        @Override
        public void revoke() {
            effects.add("revoke");
        }

        @Override
        public void refuse() {
            effects.add("refuse");
        }
    };

    private Consent consent(Object settings) {
        return Consent.of(values, values.hold(settings instanceof String s ? JsonText.parse(s) : settings));
    }

    /** What becomes of the message, then the effects it asked for: "DELIVERED", "DROPPED refuse"... */
    private String admit(Consent consent, Object message) {
        effects.clear();
        int mark = values.top();
        try {
            int admitted = consent.admit(values, values.hold(message instanceof String s ? JsonText.parse(s) : message), recorder);
            String outcome = admitted == Consent.DELIVERED ? "DELIVERED" : admitted == Consent.STARTS ? "STARTS" : "DROPPED";
            return effects.isEmpty() ? outcome : outcome + " " + String.join(" ", effects);
        } finally {
            values.release(mark);
        }
    }

    private static String track(String event, String preferences) {
        return "{\"type\": \"track\", \"event\": \"" + event + "\", \"context\": {\"consent\": {\"categoryPreferences\": "
                + preferences + "}}}";
    }

    @Test
    void theCdnsConsentSettingsComeFirstThenTheSetting() {
        Consent c = consent("{\"consentSettings\": {\"categories\": [\"C0004\"]}, \"consentCategories\": [\"Targeting\"]}");
        assertEquals("DELIVERED grant", admit(c, track("a", "{\"C0004\": true, \"Targeting\": false}")));
        c = consent("{\"consentSettings\": {\"categories\": []}, \"consentCategories\": [\"Targeting\"]}");
        assertEquals("DROPPED refuse", admit(c, track("a", "{\"C0004\": true, \"Targeting\": false}")),
                "an empty list is no list: the setting applies");
        c = consent(map("consentSettings", JavaValues.THROWING_GETTER, "consentCategories", List.of("Targeting")));
        assertEquals("DROPPED refuse", admit(c, track("a", "{\"Targeting\": false}")), "settings that throw are none");
    }

    @Test
    void categoriesThatAreNoNonEmptyArrayAreNoCategories() {
        for (String categories : List.of("\"Targeting\"", "{\"0\": \"Targeting\", \"length\": 1}", "[]", "null", "true")) {
            assertNull(consent("{\"consentCategories\": " + categories + "}"), categories);
            assertNull(consent("{\"consentSettings\": {\"categories\": " + categories + "}}"), categories);
        }
        assertNull(consent("{\"apiKey\": \"hfWBjc\"}"));
        assertNull(consent("null"));
        assertNull(consent("\"Targeting\""));
        assertNull(consent(new JavaValues.Opaque("a Proxy whose traps throw")));
        assertNotNull(consent(TARGETING));
    }

    @Test
    void aMessageWithoutPreferencesPasses() {
        Consent c = consent(TARGETING);
        assertEquals("DELIVERED", admit(c, "{\"type\": \"track\", \"event\": \"a\"}"));
        assertEquals("DELIVERED", admit(c, "{\"type\": \"track\", \"event\": \"a\", \"context\": {\"consent\": {}}}"));
        assertEquals("DELIVERED", admit(c, track("preferences that are no object", "\"all\"")));
        assertEquals("DELIVERED", admit(c, track("nor is an array", "[true]")));
        assertEquals("DELIVERED", admit(c, track("null", "null")));
        assertEquals("DELIVERED", admit(c, "{\"context\": \"text\"}"));
        assertEquals("DELIVERED", admit(c, "null"), "the mapping ignores what is no message");
        assertEquals("DELIVERED", admit(c, JavaValues.JS_UNDEFINED));
        assertEquals("DELIVERED", admit(c, "\"text\""));
    }

    @Test
    void everyCategoryMustBeTrueItself() {
        Consent c = consent("{\"consentCategories\": [\"Targeting\", \"C0004\"]}");
        assertEquals("DELIVERED grant", admit(c, track("both", "{\"Targeting\": true, \"C0004\": true, \"Other\": false}")));
        assertEquals("DELIVERED", admit(c, track("both again", "{\"Targeting\": true, \"C0004\": true}")),
                "__kla_off is deleted at the first grant only");
        for (String targeting : List.of("false", "\"true\"", "1", "null", "{}")) {
            assertEquals("DROPPED refuse", admit(c, track("not true", "{\"Targeting\": " + targeting + ", \"C0004\": true}")),
                    targeting);
        }
        assertEquals("DROPPED refuse", admit(c, track("one missing", "{\"C0004\": true}")));
        assertEquals("DROPPED refuse", admit(c, track("the name is exact", "{\"targeting\": true, \"C0004\": true}")));
        assertEquals("DROPPED refuse", admit(c, track("none", "{}")));
    }

    @Test
    void aCategoryThatCannotBeAKeyIsNeverGranted() {
        Consent c = consent(map("consentCategories", List.of(new JavaValues.Opaque("an object whose toString throws"))));
        assertEquals("DROPPED refuse", admit(c, track("with preferences", "{\"Targeting\": true}")));
        assertEquals("DELIVERED", admit(c, "{\"event\": \"without\"}"));
        c = consent("{\"consentCategories\": [1]}");
        assertEquals("DELIVERED grant", admit(c, track("a number is its digits", "{\"1\": true}")));
    }

    @Test
    void theConsentEventIsNeverMappedAndItsDenialRevokesUntilAGrant() {
        Consent c = consent(TARGETING);
        assertEquals("STARTS grant", admit(c, track(EVENT, "{\"Targeting\": true}")));
        assertEquals("STARTS", admit(c, "{\"event\": \"" + EVENT + "\"}"), "without preferences it still is not sent");
        assertEquals("DROPPED revoke refuse", admit(c, track(EVENT, "{\"Targeting\": false}")));
        assertEquals("DROPPED refuse", admit(c, "{\"event\": \"after the revocation\"}"));
        assertEquals("DROPPED revoke refuse", admit(c, track(EVENT, "{}")), "each denial logs out again");
        assertEquals("DELIVERED grant", admit(c, track("a grant on any message", "{\"Targeting\": true}")));
        assertEquals("DELIVERED", admit(c, "{\"event\": \"after the grant\"}"));
    }

    @Test
    void onlySegmentsExactEventRevokes() {
        Consent c = consent(TARGETING);
        assertEquals("DROPPED refuse", admit(c, track("segment consent preference updated", "{\"Targeting\": false}")));
        assertEquals("DELIVERED", admit(c, "{\"event\": \"next\"}"), "a denial on another event drops only that one");
        assertEquals("DROPPED refuse", admit(c, map("event", List.of(EVENT),
                "context", map("consent", map("categoryPreferences", map("Targeting", false))))));
        assertEquals("DELIVERED", admit(c, "{\"event\": \"still not revoked\"}"));
    }

    @Test
    void consentThatCannotBeReadDropsTheMessageWithoutAWord() {
        Consent c = consent(TARGETING);
        Object proxy = new JavaValues.Opaque("a Proxy whose traps throw");
        Object[] messages = {
            map("event", "a context that throws", "context", JavaValues.THROWING_GETTER),
            map("event", "a consent that throws", "context", map("consent", JavaValues.THROWING_GETTER)),
            map("event", "preferences that throw", "context", map("consent", map("categoryPreferences", JavaValues.THROWING_GETTER))),
            map("event", "a preference that throws", "context",
                    map("consent", map("categoryPreferences", map("Targeting", JavaValues.THROWING_GETTER)))),
            map("event", JavaValues.THROWING_GETTER, "context", map("consent", map("categoryPreferences", map("Targeting", false)))),
            map("event", "a proxy context", "context", proxy),
            map("event", "a proxy consent", "context", map("consent", proxy)),
            proxy,
        };
        for (Object message : messages) {
            assertEquals("DROPPED", admit(c, message), message.toString());
        }
        assertEquals("DELIVERED grant", admit(c, track("granted", "{\"Targeting\": true}")), "nothing was revoked");
        assertEquals("DELIVERED", admit(c, map("event", "proxy preferences are no preferences", "context",
                map("consent", map("categoryPreferences", proxy)))));
    }
}
