package destination.klaviyo.browser;

import destination.klaviyo.core.Backlog;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Commands made while Klaviyo's script loads, in order, in a JavaScript array; {@link Backlog} says
 * when the oldest goes ({@code queueLimit}), and they are handed to Klaviyo in one go.
 */
final class KlaviyoQueue {
    private final Backlog backlog;
    private final JSObject commands = create();

    KlaviyoQueue(int limit) {
        backlog = new Backlog(limit);
    }

    /** Adds a command; false when that pushed the oldest one out. */
    boolean add(JSObject command) {
        push(commands, command);
        if (backlog.overflows(length(commands))) {
            shift(commands);
            return false;
        }
        return true;
    }

    /** How many commands were queued and are lost. */
    int lost() {
        return backlog.lost(length(commands));
    }

    /** Hands every command to Klaviyo for account {@code apiKey}, oldest first, including any added meanwhile. */
    void deliver(String apiKey) {
        while (length(commands) > 0) {
            KlaviyoScript.push(shift(commands), apiKey);
        }
    }

    void clear() {
        clear(commands);
    }

    @JSBody(script = "return [];")
    private static native JSObject create();

    @JSBody(params = {"a", "c"}, script = "a.push(c);")
    private static native void push(JSObject queue, JSObject command);

    @JSBody(params = "a", script = "return a.shift();")
    private static native JSObject shift(JSObject queue);

    @JSBody(params = "a", script = "return a.length;")
    private static native int length(JSObject queue);

    @JSBody(params = "a", script = "a.length = 0;")
    private static native void clear(JSObject queue);
}
