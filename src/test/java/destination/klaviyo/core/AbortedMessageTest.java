package destination.klaviyo.core;

import destination.klaviyo.JsonText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A message can be cut short anywhere (in the browser, by a page that exhausts the stack): the next
 * message maps as if nothing happened, and nothing of the aborted one stays in the value table.
 */
class AbortedMessageTest {
    @Test
    void aMessageAbortedAtAnyPortCallLeavesNothingAndTheNextMapsCorrectly() {
        Recorder reference = new Recorder().track(PortCallsTest.ORDER).identify(PortCallsTest.IDENTIFY);
        int calls = new Recorder().track(PortCallsTest.ORDER).lastCalls;
        for (int n = 1; n <= calls; n++) {
            Recorder klaviyo = new Recorder();
            int empty = klaviyo.values.top();
            klaviyo.values.failAt = klaviyo.values.calls + n;
            int at = n;
            assertThrows(StackOverflowError.class, () -> klaviyo.track(PortCallsTest.ORDER), "call " + at);
            assertEquals(empty, klaviyo.values.top(), "handles left after an abort at call " + n);
            klaviyo.commands.clear();
            klaviyo.track(PortCallsTest.ORDER).identify(PortCallsTest.IDENTIFY);
            assertEquals(JsonText.write(reference.commands), JsonText.write(klaviyo.commands), "after an abort at call " + n);
            assertEquals(empty, klaviyo.values.top());
        }
    }
}
