package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a destination's command goes after its own ['account', key]: another account was handed over last. */
class KlaviyoAccountTest {
    @Test
    void theAccountKlaviyoHoldsIsNotHandedOverAgain() {
        assertFalse(KlaviyoAccount.handOver(true, "hfWBjc"));
    }

    @Test
    void anotherAccountOrNoneHandedOverSinceMeansOursGoesFirst() {
        // The shell says whether the page's window._klaviyoAccount is exactly this key (===): another
        // key, another case, a page's value that is not a string, or none, are not.
        assertTrue(KlaviyoAccount.handOver(false, "hfWBjc"));
    }

    @Test
    void withoutAKeyNothingIsHandedOver() {
        assertFalse(KlaviyoAccount.handOver(false, null));
        assertFalse(KlaviyoAccount.handOver(true, null));
    }
}
