package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextTest {
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
    void keysMatchIgnoringCaseAndPunctuation() {
        assertTrue(FacadeKeys.EXCHANGEID.matches("$exchange_id"));
        assertTrue(FacadeKeys.EXCHANGEID.matches("Exchange-ID"));
        assertFalse(FacadeKeys.EXCHANGEID.matches("exchange.id"));
        assertFalse(FacadeKeys.EXCHANGEID.matches("exchangeids"));
        assertFalse(FacadeKeys.EXCHANGEID.matches("xchangeid"));
        assertEquals(Key.hash("$Exchange_ID"), FacadeKeys.EXCHANGEID.hash);
    }
}
