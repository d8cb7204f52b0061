package destination.klaviyo.core;

import static destination.klaviyo.core.LogoutOrder.LOG_OUT_AFTER;
import static destination.klaviyo.core.LogoutOrder.LOG_OUT_FIRST;
import static destination.klaviyo.core.LogoutOrder.MAP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Where a logout goes among the messages, by which side of the reset each was made on. */
class LogoutOrderTest {
    @Test
    void withNothingUnderWayTheLogoutRunsAtOnce() {
        LogoutOrder order = new LogoutOrder();
        assertTrue(order.reset(false, true));
        assertEquals(MAP, order.message(true, false));
        assertFalse(order.callsBeforeThrough());
    }

    @Test
    void theCallsBeforeTheResetGoFirstThenTheLogoutWhenTheyAreThrough() {
        LogoutOrder order = new LogoutOrder();
        assertFalse(order.reset(true, true));
        assertEquals(MAP, order.message(false, true));
        assertEquals(MAP, order.message(false, true));
        assertTrue(order.callsBeforeThrough());
        assertFalse(order.callsBeforeThrough(), "once");
    }

    @Test
    void aCallMadeAfterTheResetLogsOutFirstWhenTheLogoutWaits() {
        LogoutOrder order = new LogoutOrder();
        assertFalse(order.reset(true, true));
        assertEquals(MAP, order.message(false, true));
        assertEquals(LOG_OUT_FIRST, order.message(true, false));
        assertEquals(MAP, order.message(true, false));
        assertFalse(order.callsBeforeThrough(), "done already");
    }

    @Test
    void aCallMadeBeforeTheResetThatArrivesAfterTheLogoutIsFollowedByAnotherLogout() {
        LogoutOrder order = new LogoutOrder();
        assertTrue(order.reset(false, true));
        assertEquals(LOG_OUT_AFTER, order.message(false, true));
        // Once a call made after the reset arrived, none made before it follows.
        assertEquals(MAP, order.message(true, false));
        assertEquals(MAP, order.message(false, true));
        assertEquals(MAP, order.message(false, false));
    }

    @Test
    void aResetThatCannotTellTheCallsApartLogsOutAtOnceAndLeavesTheMessagesAlone() {
        LogoutOrder order = new LogoutOrder();
        assertTrue(order.reset(true, false));
        assertEquals(MAP, order.message(false, true));
        assertEquals(MAP, order.message(false, false));
        assertFalse(order.callsBeforeThrough());
    }

    @Test
    void withoutAResetEventAMessageWithoutUserIdAndAnotherAnonymousIdAfterAnIdentifiedOneShowsAReset() {
        LogoutOrder order = new LogoutOrder();
        assertEquals(MAP, order.withoutResetEvent(false, false));
        assertEquals(MAP, order.withoutResetEvent(true, false));
        assertEquals(MAP, order.withoutResetEvent(true, true), "a new anonymousId alone, still identified");
        assertEquals(MAP, order.withoutResetEvent(false, false), "the userId gone, the same anonymousId");
        assertEquals(MAP, order.withoutResetEvent(true, false));
        assertEquals(LOG_OUT_FIRST, order.withoutResetEvent(false, true));
        assertEquals(MAP, order.withoutResetEvent(false, true), "once");
    }

    @Test
    void withoutAResetEventAMessageOfTheSameAnonymousIdKeepsWhatTheLastOneSaid() {
        // The host's user is asked only when the anonymousId changes: a track without a userId of its
        // own after an identify, with the same anonymousId, is the same identified visitor.
        LogoutOrder order = new LogoutOrder();
        assertEquals(MAP, order.withoutResetEvent(true, false));
        assertEquals(MAP, order.withoutResetEvent(false, false));
        assertEquals(MAP, order.withoutResetEvent(false, false));
        assertEquals(LOG_OUT_FIRST, order.withoutResetEvent(false, true));
        assertEquals(MAP, order.withoutResetEvent(false, false), "anonymous from there on");
        assertEquals(MAP, order.withoutResetEvent(false, true));
    }
}
