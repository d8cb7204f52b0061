package destination.klaviyo.core;

import static destination.klaviyo.core.SubscriptionPolicy.DONE;
import static destination.klaviyo.core.SubscriptionPolicy.FAILED;
import static destination.klaviyo.core.SubscriptionPolicy.REFUSED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * When the browser sends a list subscription, what it remembers, and what it does with each answer of
 * Klaviyo's client API: every branch, with hostile numbers. The browser carries these out in
 * browser/SubscriptionsTest.
 */
class SubscriptionPolicyTest {
    private static final double NOW = 1_750_000_000_000.0;
    private static final double DAY = 24 * 60 * 60 * 1000;
    private static final double NONE = Double.NaN;

    @Test
    void aSubscriptionNeverMadeIsSent() {
        assertTrue(SubscriptionPolicy.mayStart(0, false, NOW));
    }

    @Test
    void aSubscriptionMadeIsNeverSentAgainFromThisBrowser() {
        assertFalse(SubscriptionPolicy.mayStart(SubscriptionPolicy.MADE, false, NOW));
        assertFalse(SubscriptionPolicy.mayStart(1, false, 0));
    }

    @Test
    void aPendingMarkKeepsOtherPagesAndTabsFromSendingItForADay() {
        assertFalse(SubscriptionPolicy.mayStart(NOW, false, NOW));
        assertFalse(SubscriptionPolicy.mayStart(NOW - 1000, false, NOW));
        assertFalse(SubscriptionPolicy.mayStart(NOW - DAY + 1, false, NOW));
        // A day without an answer: the request that page sent may have been lost, so it is sent again.
        assertTrue(SubscriptionPolicy.mayStart(NOW - DAY, false, NOW));
        assertTrue(SubscriptionPolicy.mayStart(NOW - 30 * DAY, false, NOW));
        // Written by a clock a little ahead still counts; a mark from far in the future does not block forever.
        assertFalse(SubscriptionPolicy.mayStart(NOW + 60_000, false, NOW));
        assertTrue(SubscriptionPolicy.mayStart(NOW + DAY, false, NOW));
    }

    @Test
    void aSubscriptionKlaviyoRefusedIsNotSentAgainOnThePage() {
        assertFalse(SubscriptionPolicy.mayStart(0, true, NOW));
        assertFalse(SubscriptionPolicy.mayStart(NOW - 30 * DAY, true, NOW));
    }

    @Test
    void aSubscriptionUnderWayOnThePageIsNotStartedAgainWhateverStorageSays() {
        // Storage that failed to keep the mark, or that the site cleared, says nothing: the page knows.
        assertFalse(SubscriptionPolicy.mayStart(0, false, true, NOW));
        assertFalse(SubscriptionPolicy.mayStart(NOW - 30 * DAY, false, true, NOW));
        assertTrue(SubscriptionPolicy.mayStart(0, false, false, NOW));
        assertFalse(SubscriptionPolicy.mayStart(0, true, false, NOW));
        assertFalse(SubscriptionPolicy.mayStart(NOW, false, false, NOW));
    }

    @Test
    void storedValuesThatAreNoMarkAreNothing() {
        for (double stored : new double[] {-1, 2, 0.5, NONE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -NOW}) {
            assertTrue(SubscriptionPolicy.mayStart(stored, false, NOW), String.valueOf(stored));
        }
    }

    @Test
    void anAcceptanceIsDone() {
        for (int status : new int[] {200, 201, 202, 204, 299}) {
            for (int attempt = 0; attempt < 3; attempt++) {
                assertEquals(DONE, SubscriptionPolicy.next(attempt, status, NONE, 0.5), status + " at " + attempt);
            }
        }
    }

    @Test
    void a4xxIsRefusedAtOnce() {
        for (int status : new int[] {400, 401, 403, 404, 405, 409, 415, 422, 499}) {
            assertEquals(REFUSED, SubscriptionPolicy.next(0, status, NONE, 0.5), String.valueOf(status));
        }
    }

    @Test
    void otherAnswersThatWouldNotPassFailAtOnce() {
        for (int status : new int[] {100, 199, 300, 301, 304, 399, 600, 999, -1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertEquals(FAILED, SubscriptionPolicy.next(0, status, NONE, 0.5), String.valueOf(status));
        }
    }

    @Test
    void aFailureThatMayPassIsTriedAgainAfterARandomWaitAroundOneSecondThenFour() {
        for (int status : new int[] {0, 429, 500, 502, 503, 504, 599}) {
            assertEquals(500, SubscriptionPolicy.next(0, status, NONE, 0), String.valueOf(status));
            assertEquals(750, SubscriptionPolicy.next(0, status, NONE, 0.25), String.valueOf(status));
            assertEquals(1000, SubscriptionPolicy.next(0, status, NONE, 0.5), String.valueOf(status));
            assertEquals(1499.999, SubscriptionPolicy.next(0, status, NONE, 0.999999), 1e-9);
            assertEquals(2000, SubscriptionPolicy.next(1, status, NONE, 0), String.valueOf(status));
            assertEquals(3000, SubscriptionPolicy.next(1, status, NONE, 0.25), String.valueOf(status));
            assertEquals(4000, SubscriptionPolicy.next(1, status, NONE, 0.5), String.valueOf(status));
            assertEquals(5999.996, SubscriptionPolicy.next(1, status, NONE, 0.999999), 1e-9);
        }
    }

    @Test
    void afterThreeAttemptsA429IsRefusedAndTheRestHasFailed() {
        assertEquals(REFUSED, SubscriptionPolicy.next(2, 429, NONE, 0.5));
        for (int status : new int[] {0, 500, 503, 599}) {
            assertEquals(FAILED, SubscriptionPolicy.next(2, status, NONE, 0.5), String.valueOf(status));
            assertEquals(FAILED, SubscriptionPolicy.next(3, status, NONE, 0.5), String.valueOf(status));
            assertEquals(FAILED, SubscriptionPolicy.next(Integer.MAX_VALUE, status, NONE, 0.5), String.valueOf(status));
        }
    }

    @Test
    void aRetryAfterIsWaitedAtLeastAndStillSpreadOut() {
        assertEquals(2000, SubscriptionPolicy.next(0, 429, 2000, 0));
        assertEquals(2500, SubscriptionPolicy.next(0, 429, 2000, 0.5));
        assertEquals(30000, SubscriptionPolicy.next(1, 429, 30000, 0));
        assertEquals(32000, SubscriptionPolicy.next(1, 429, 30000, 0.5));
        assertEquals(60000, SubscriptionPolicy.next(0, 503, 60000, 0));
        // Shorter than the step, gone, or unreadable (NaN): the step as without one.
        assertEquals(1000, SubscriptionPolicy.next(0, 429, 100, 0.5));
        assertEquals(1000, SubscriptionPolicy.next(0, 429, 0, 0.5));
        assertEquals(1000, SubscriptionPolicy.next(0, 429, -5000, 0.5));
        assertEquals(1000, SubscriptionPolicy.next(0, 429, NONE, 0.5));
        assertEquals(1000, SubscriptionPolicy.next(0, 429, Double.NEGATIVE_INFINITY, 0.5));
    }

    @Test
    void aRetryAfterLongerThanAMinuteGivesUp() {
        assertEquals(REFUSED, SubscriptionPolicy.next(0, 429, 60001, 0.5));
        assertEquals(REFUSED, SubscriptionPolicy.next(0, 429, 120_000, 0.5));
        assertEquals(REFUSED, SubscriptionPolicy.next(1, 429, Double.POSITIVE_INFINITY, 0.5));
        assertEquals(FAILED, SubscriptionPolicy.next(0, 503, 3_600_000, 0.5));
        // It is no reason to give up on an answer that has nothing to retry.
        assertEquals(DONE, SubscriptionPolicy.next(0, 202, 3_600_000, 0.5));
    }

    @Test
    void aPageThatReplacesMathRandomChangesOnlyItsWaitsNeverTheNumberOfAttempts() {
        for (double random : new double[] {-1e9, 1e9, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertEquals(FAILED, SubscriptionPolicy.next(2, 503, NONE, random), String.valueOf(random));
            assertEquals(REFUSED, SubscriptionPolicy.next(2, 429, NONE, random), String.valueOf(random));
            assertEquals(DONE, SubscriptionPolicy.next(0, 202, NONE, random), String.valueOf(random));
        }
        // A NaN wait is no wait to make: the page stops trying (subscriptions.js waits only for a number >= 0).
        assertTrue(Double.isNaN(SubscriptionPolicy.next(0, 503, NONE, Double.NaN)));
    }
}
