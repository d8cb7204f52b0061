package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a destination's command goes after its own ['account', key]: another account was handed over last. */
class KlaviyoAccountTest {
    @Test
    void theSameAccountIsNotHandedOverAgain() {
        assertFalse(KlaviyoAccount.handOver("hfWBjc", "hfWBjc"));
        // Equal text, another string object: the same account.
        assertFalse(KlaviyoAccount.handOver(new String("hfWBjc"), "hfWBjc"));
    }

    @Test
    void anotherAccountHandedOverSinceMeansOursGoesFirst() {
        assertTrue(KlaviyoAccount.handOver("OtherK", "hfWBjc"));
        // Keys are compared exactly: Klaviyo's keys are case-sensitive.
        assertTrue(KlaviyoAccount.handOver("HFWBJC", "hfWBjc"));
        assertTrue(KlaviyoAccount.handOver("hfWBjc ", "hfWBjc"));
    }

    @Test
    void noneHandedOverOrAPagesValueThatIsNotAStringMeansOursGoesFirst() {
        // The shell reads a page's window._klaviyoAccount that is not a string (or whose read throws) as null.
        assertTrue(KlaviyoAccount.handOver(null, "hfWBjc"));
        assertTrue(KlaviyoAccount.handOver("", "hfWBjc"));
    }

    @Test
    void withoutAKeyNothingIsHandedOver() {
        assertFalse(KlaviyoAccount.handOver(null, null));
        assertFalse(KlaviyoAccount.handOver("hfWBjc", null));
    }
}
