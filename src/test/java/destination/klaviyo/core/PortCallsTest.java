package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Every port call is a JavaScript↔Java crossing in the browser: the mapping makes one per
 * mapping-level step (find an object's keys, build an object, an array, a command), never one per
 * property. The benchmark's messages (bench/bench.js) stay within these counts.
 */
class PortCallsTest {
    static final String IDENTIFY = """
            {"type": "identify", "userId": "id", "traits": {"email": "name@example.com", "firstName": "first",
             "lastName": "last", "phone": "555-0100", "title": "CEO", "plan": "pro", "logins": 5}}""";
    static final String TRACK = """
            {"type": "track", "event": "Viewed Page", "properties": {"revenue": 9.5, "path": "/x", "count": 3,
             "tags": ["a", "b"]}}""";
    static final String ORDER = """
            {"type": "track", "event": "Order Completed", "properties": {"order_id": "o1", "total": 30, "revenue": 25,
             "currency": "USD", "products": [
              {"product_id": "p1", "sku": "s1", "name": "A", "price": 10, "quantity": 1, "category": "Games"},
              {"product_id": "p2", "sku": "s2", "name": "B", "price": 5, "quantity": 2, "category": "Books"},
              {"product_id": "p3", "sku": "s3", "name": "C", "price": 10, "quantity": 1, "category": "Games"}]}}""";

    @Test
    void identifyCrossesAtMostTwelveTimes() {
        Recorder klaviyo = new Recorder().identify(IDENTIFY);
        assertEquals(1, klaviyo.commands.size());
        assertTrue(klaviyo.lastCalls <= 12, "identify made " + klaviyo.lastCalls + " port calls");
    }

    @Test
    void trackCrossesAtMostSixTimes() {
        Recorder klaviyo = new Recorder().track(TRACK);
        assertEquals(1, klaviyo.commands.size());
        assertTrue(klaviyo.lastCalls <= 6, "track made " + klaviyo.lastCalls + " port calls");
    }

    @Test
    void orderCompletedWithThreeProductsCrossesAtMostThirtyTimes() {
        Recorder klaviyo = new Recorder().track(ORDER);
        assertEquals(4, klaviyo.commands.size());
        assertTrue(klaviyo.lastCalls <= 30, "Order Completed made " + klaviyo.lastCalls + " port calls");
    }

    @Test
    void theCountsAreWhatTheMappingMakesNow() {
        // The exact figures, so that a change that adds crossings shows in review.
        assertEquals(6, new Recorder().identify(IDENTIFY).lastCalls);
        assertEquals(5, new Recorder().track(TRACK).lastCalls);
        // The order: 30, one of them to tell whether two lines would share an Ordered Product's $event_id.
        assertEquals(30, new Recorder().track(ORDER).lastCalls);
    }
}
