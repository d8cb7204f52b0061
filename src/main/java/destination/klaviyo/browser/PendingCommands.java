package destination.klaviyo.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Commands made while Klaviyo's script loads, in order, at most {@code limit} of them: beyond that the
 * oldest is dropped and counted, so a script that never comes cannot grow memory without bound.
 */
final class PendingCommands {
    private final int limit;
    private final JSObject commands = create();
    private int dropped;

    PendingCommands(int limit) {
        this.limit = limit;
    }

    /** Adds a command; false when that pushed the oldest one out. */
    boolean add(JSObject command) {
        if (limit == 0) {
            dropped++;
            return false;
        }
        if (push(commands, command) <= limit) {
            return true;
        }
        shift(commands);
        dropped++;
        return false;
    }

    int size() {
        return length(commands);
    }

    int dropped() {
        return dropped;
    }

    /** Removes and returns the oldest command. */
    JSObject take() {
        return shift(commands);
    }

    void clear() {
        truncate(commands);
    }

    @JSBody(script = "return [];")
    private static native JSObject create();

    @JSBody(params = {"a", "c"}, script = "return a.push(c);")
    private static native int push(JSObject a, JSObject c);

    @JSBody(params = "a", script = "return a.shift();")
    private static native JSObject shift(JSObject a);

    @JSBody(params = "a", script = "return a.length;")
    private static native int length(JSObject a);

    @JSBody(params = "a", script = "a.length = 0;")
    private static native void truncate(JSObject a);
}
