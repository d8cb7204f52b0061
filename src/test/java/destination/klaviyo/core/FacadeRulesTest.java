package destination.klaviyo.core;

import destination.klaviyo.JsonText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FacadeRulesTest {
    @Test
    void emailsAreRecognisedAsTheFacadeDoes() {
        for (String email : new String[] {"a@b.co", "han@segment.com", "x y@z.w", "a@b.c.d", "line\na@b.co"}) {
            JavaValues values = new JavaValues();
            assertTrue(values.test(Identify.EMAIL_PATTERN, values.hold(email)), email);
        }
        for (String other : new String[] {"", "@b.co", "a@.co", "a@b.", "a@b", "ab.co", "a@\nb.co", "a@b.\nc"}) {
            JavaValues values = new JavaValues();
            assertFalse(values.test(Identify.EMAIL_PATTERN, values.hold(other)), other);
        }
    }

    @Test
    void theJvmAdapterTrimsAsJavaScriptDoes() {
        JavaValues values = new JavaValues();
        assertEquals("a b", values.value(values.trim(values.hold("\u00a0\t a b \ufeff\n"))));
        assertEquals("", values.value(values.trim(values.hold("   "))));
        assertEquals(Values.NO_VALUE, values.trim(values.hold(1.0)));
    }

    @Test
    void keysAreFoundIgnoringCaseAndPunctuationButNotDots() {
        JavaValues values = new JavaValues();
        KeyList keys = new KeyList(values, "exchangeid =$exchange_id");
        Found found = keys.in(values, values.hold(JsonText.parse("""
                {"exchange.id": 1, "exchangeids": 2, "xchangeid": 3, "Exchange-ID": 4, "$exchange_id": 5}""")));
        // The first key that normalises to the facade key; an exact key matches only itself.
        assertEquals(4.0, values.value(found.value(0)));
        assertEquals(5.0, values.value(found.value(1)));
        assertEquals(Values.NUMBER, found.kind(0));
        assertTrue(found.truthy(0));
    }
}
