package destination.klaviyo.core;

/**
 * What the queue of commands made while Klaviyo's script loads keeps: at most {@code limit} of them
 * (the {@code queueLimit} setting). Beyond that the oldest is dropped and counted, so that a script
 * that never comes cannot grow the page's memory without bound. The browser keeps the commands
 * (browser/KlaviyoQueue.java); this decides which go, and counts what is lost.
 */
public final class Backlog {
    private final int limit;
    private int dropped;

    public Backlog(int limit) {
        this.limit = limit;
    }

    /**
     * Whether a queue now holding {@code queued} commands, the newest just added, drops its oldest: it
     * holds more than the limit (with a limit of 0 or less, always). A drop is counted as lost.
     */
    public boolean overflows(int queued) {
        if (queued <= limit) {
            return false;
        }
        dropped++;
        return true;
    }

    /** How many commands are lost when the queue is given up holding {@code queued}: those and the dropped. */
    public int lost(int queued) {
        return queued + dropped;
    }
}
