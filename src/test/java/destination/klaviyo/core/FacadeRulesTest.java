package destination.klaviyo.core;

import destination.klaviyo.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FacadeRulesTest {
    @Test
    void emailsAreRecognisedAsTheFacadeDoes() {
        for (String email : new String[] {"a@b.co", "han@segment.com", "x y@z.w", "a@b.c.d", "line\na@b.co"}) {
            assertTrue(new JavaValues().test(Identify.EMAIL_PATTERN, email), email);
        }
        for (String other : new String[] {"", "@b.co", "a@.co", "a@b.", "a@b", "ab.co", "a@\nb.co", "a@b.\nc"}) {
            assertFalse(new JavaValues().test(Identify.EMAIL_PATTERN, other), other);
        }
    }

    @Test
    void theJvmAdapterTrimsAsJavaScriptDoes() {
        JavaValues values = new JavaValues();
        assertEquals("a b", values.trim("\u00a0\t a b \ufeff\n"));
        assertEquals("", values.trim("   "));
    }

    @Test
    void keysAreFoundIgnoringCaseAndPunctuationButNotDots() {
        JavaValues values = new JavaValues();
        Fields fields = new Fields(values, values.hold(Json.parse("""
                {"exchange.id": 1, "exchangeids": 2, "xchangeid": 3, "Exchange-ID": 4, "$exchange_id": 5}""")));
        assertEquals(3, fields.indexOf(FacadeKeys.EXCHANGEID));
        assertEquals(4.0, values.value(fields.take(FacadeKeys.EXCHANGEID)));
        assertEquals(5.0, values.value(fields.find(FacadeKeys.EXCHANGEID)));
    }
}
