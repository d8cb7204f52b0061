package destination.klaviyo.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Commands made while Klaviyo's script loads, in order, at most {@code limit} of them: beyond that the
 * oldest is dropped and counted, so a script that never comes cannot grow memory without bound. The
 * array lives in JavaScript (src/main/js/loader.js) and is handed to Klaviyo in one go.
 */
final class KlaviyoQueue {
    private final int limit;
    private final JSObject commands = create();
    private int dropped;

    KlaviyoQueue(int limit) {
        this.limit = limit;
    }

    /** Adds a command; false when that pushed the oldest one out. */
    boolean add(JSObject command) {
        if (add(commands, command, limit)) {
            return true;
        }
        dropped++;
        return false;
    }

    /** How many commands were queued and are lost. */
    int lost() {
        return length(commands) + dropped;
    }

    /** Hands every command to Klaviyo for account {@code apiKey}, oldest first, including any added meanwhile. */
    void deliver(String apiKey) {
        deliver(commands, apiKey);
    }

    void clear() {
        clear(commands);
    }

    @JSBody(script = "return [];")
    private static native JSObject create();

    @JSBody(params = {"a", "c", "n"}, script = "return klaviyoQueueAdd(a, c, n);")
    private static native boolean add(JSObject queue, JSObject command, int limit);

    @JSBody(params = {"a", "k"}, script = "klaviyoDeliver(a, k);")
    private static native void deliver(JSObject queue, String apiKey);

    @JSBody(params = "a", script = "return a.length;")
    private static native int length(JSObject queue);

    @JSBody(params = "a", script = "a.length = 0;")
    private static native void clear(JSObject queue);
}
