package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The queue while Klaviyo's script loads: which commands stay, and how many are lost. */
class BacklogTest {
    /** A queue kept as the browser keeps it, with the backlog deciding: what stays, in order. */
    private static List<Integer> queue(int limit, int commands, Backlog backlog) {
        Deque<Integer> queue = new ArrayDeque<>();
        for (int c = 1; c <= commands; c++) {
            queue.addLast(c);
            if (backlog.overflows(queue.size())) {
                queue.removeFirst();
            }
        }
        return new ArrayList<>(queue);
    }

    @Test
    void upToTheLimitEverythingStays() {
        Backlog backlog = new Backlog(3);
        assertEquals(List.of(1, 2, 3), queue(3, 3, backlog));
        assertEquals(3, backlog.lost(3));
        assertEquals(0, backlog.lost(0));
    }

    @Test
    void beyondTheLimitTheOldestGoAndAreCounted() {
        Backlog backlog = new Backlog(3);
        assertEquals(List.of(4, 5, 6), queue(3, 6, backlog));
        // Three queued and three dropped: six lost when the destination gives up.
        assertEquals(6, backlog.lost(3));
        // After a clear, what was dropped stays counted.
        assertEquals(3, backlog.lost(0));
    }

    @Test
    void theBoundaryIsTheLimitItself() {
        Backlog backlog = new Backlog(1000);
        assertFalse(backlog.overflows(999));
        assertFalse(backlog.overflows(1000));
        assertTrue(backlog.overflows(1001));
        assertEquals(1, backlog.lost(0));
    }

    @Test
    void aLimitOfZeroOrLessKeepsNothing() {
        for (int limit : new int[] {0, -1, Integer.MIN_VALUE}) {
            Backlog backlog = new Backlog(limit);
            assertEquals(List.of(), queue(limit, 4, backlog));
            assertEquals(4, backlog.lost(0));
        }
    }

    @Test
    void theLargestLimitKeepsEverything() {
        Backlog backlog = new Backlog(Integer.MAX_VALUE);
        assertFalse(backlog.overflows(Integer.MAX_VALUE));
        assertEquals(List.of(1, 2), queue(Integer.MAX_VALUE, 2, backlog));
        assertEquals(2, backlog.lost(2));
    }
}
