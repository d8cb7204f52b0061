package destination.klaviyo.browser;

import destination.klaviyo.core.Backlog;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Commands made while Klaviyo's script loads, in order, in a JavaScript array; {@link Backlog} says
 * when the oldest goes ({@code queueLimit}), and they are handed to Klaviyo in one go. A logout waits
 * in it too (as null), after the commands made before it: Klaviyo forgets the person once it has them.
 */
final class KlaviyoQueue {
    private final Backlog backlog;
    private final JSObject commands = create();
    /** The destination whose Klaviyo logouts wait here. */
    private final Destination destination;
    /** How many logouts wait among the commands. */
    private int logouts;

    KlaviyoQueue(int limit, Destination destination) {
        backlog = new Backlog(limit);
        this.destination = destination;
    }

    /** Adds a command; false when that pushed the oldest one out. */
    boolean add(JSObject command) {
        push(commands, command);
        if (!backlog.overflows(length(commands) - logouts)) {
            return true;
        }
        // The oldest command goes; a logout before it runs.
        while (shift(commands) == null) {
            run();
        }
        return false;
    }

    /** A logout, after the commands queued: at once when there are none. */
    void logOut() {
        if (length(commands) == 0) {
            destination.klaviyoLogOut();
        } else {
            logouts++;
            push(commands, null);
        }
    }

    /** A logout taken off the queue runs. */
    private void run() {
        logouts--;
        destination.klaviyoLogOut();
    }

    /** How many commands were queued and are lost. */
    int lost() {
        return backlog.lost(length(commands) - logouts);
    }

    /** Hands every command to Klaviyo for account {@code apiKey}, oldest first, including any added meanwhile. */
    void deliver(String apiKey) {
        while (length(commands) > 0) {
            JSObject command = shift(commands);
            if (command == null) {
                run();
            } else {
                KlaviyoScript.push(command, apiKey);
            }
        }
    }

    /** Drops the commands; a logout among them runs now. */
    void clear() {
        clear(commands);
        if (logouts > 0) {
            logouts = 0;
            destination.klaviyoLogOut();
        }
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
