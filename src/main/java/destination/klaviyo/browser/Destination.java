package destination.klaviyo.browser;

import destination.klaviyo.core.Commands;
import destination.klaviyo.core.Mapping;
import destination.klaviyo.core.Settings;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSString;

/**
 * One Klaviyo destination on a page: its settings, its lifecycle and its queue. The integration
 * object and the plugin of {@link IntegrationClass} both drive one of these.
 *
 * <p>Lifecycle: idle until started (the first page call, as the destination assumes a pageview; or
 * the plugin's load), then loading until Klaviyo's script runs, then ready. A script that fails to
 * load, or shows no sign of life within {@code loadTimeout}, makes it give up: the queue is released,
 * later messages are dropped at once, and the host is told it is ready so that nothing waits on it.
 */
final class Destination implements DestinationApi, Commands {
    private static final int IDLE = 0;
    private static final int LOADING = 1;
    private static final int READY = 2;
    private static final int GAVE_UP = 3;
    private static final int POLL_MILLISECONDS = 50;
    /** One table for every destination of the page; each message releases what it used. */
    private static final JsValues VALUES = new JsValues();
    /** The account this bundle last pushed onto the page's _learnq. */
    private static String accountSent;

    private final Settings settings;
    private final Notifier notifier;
    private final Debug debug = new Debug();
    private final Mapping mapping;
    private final PendingCommands pending;
    private int state = IDLE;
    private int initializeCalls;
    private double deadline;

    /**
     * Tells the host about the lifecycle: "initialize" on the first initialize() call, "ready" once
     * Klaviyo's script runs or the destination has given up, so the host need not wait any more.
     */
    @JSFunctor
    interface Notifier extends JSObject {
        void notify(String event);
    }

    Destination(Notifier notifier, JSObject settingsObject) {
        this.notifier = notifier;
        int mark = VALUES.mark();
        settings = Settings.read(VALUES, VALUES.hold(settingsObject));
        VALUES.release(mark);
        mapping = new Mapping(VALUES, settings.enforceEmail, this);
        pending = new PendingCommands(settings.queueLimit);
    }

    /**
     * The integration contract's initialize(). The destination assumes a pageview, so Klaviyo's script
     * loads on the first page call, not here: the first call only says "initialize", which Analytics
     * Next waits for before it delivers that page call (and it may call initialize() only once, when
     * the bundle arrives after the snippet's page). A second call, which Analytics Next makes when the
     * page comes after, starts the destination as the page would.
     */
    @Override
    public void initialize() {
        if (initializeCalls++ == 0) {
            notifier.notify("initialize");
        } else {
            start();
        }
    }

    /** A message: identify, track and group map to Klaviyo commands; page and alias send nothing. */
    @Override
    public void message(String type, JSObject message) {
        if (state == GAVE_UP) {
            debug.log("dropped, Klaviyo is off:", JSString.valueOf(type));
            return;
        }
        // No try/finally: the mapping does not throw, and the integration object's JavaScript catches
        // anything that would; handles left behind then are dropped with the next message's.
        int mark = VALUES.mark();
        int handle = VALUES.hold(message);
        if ("identify".equals(type)) {
            mapping.identify(handle);
        } else if ("track".equals(type)) {
            mapping.track(handle);
        } else if ("group".equals(type)) {
            mapping.group(handle);
        }
        VALUES.release(mark);
    }

    @Override
    public void start() {
        if (state != IDLE) {
            return;
        }
        String apiKey = settings.apiKey;
        if (apiKey == null) {
            giveUp("no apiKey");
            return;
        }
        state = LOADING;
        // A host may make a second integration (analytics.js-core's initialize() called twice): the
        // page's Klaviyo gets each account once.
        if (!apiKey.equals(accountSent)) {
            accountSent = apiKey;
            KlaviyoScript.pushBeforeLoad(accountCommand(apiKey));
        }
        // Klaviyo's script refuses to run twice: one a store platform added is used as it is.
        if (!KlaviyoScript.running() && !KlaviyoScript.present()) {
            KlaviyoScript.insert(apiKey, this);
        } else {
            debug.log("Klaviyo is already on the page", null);
        }
        deadline = KlaviyoScript.now() + settings.loadTimeout;
        KlaviyoScript.poll(this, 0);
    }

    @Override
    public boolean loaded() {
        return KlaviyoScript.running();
    }

    @Override
    public void reset() {
        KlaviyoScript.clear();
        pending.clear();
    }

    @Override
    public void send(int command) {
        JSObject value = VALUES.value(command);
        if (state == READY) {
            if (KlaviyoScript.push(value)) {
                debug.log("sent:", value);
            } else {
                debug.log("dropped, _learnq is gone:", value);
            }
        } else if (state == GAVE_UP) {
            debug.log("dropped, Klaviyo is off:", value);
        } else if (pending.add(value)) {
            debug.log("queued:", value);
        } else {
            debug.log("queue full, oldest command dropped", null);
        }
    }

    @Override
    public void skip(String reason) {
        debug.log("nothing sent:", JSString.valueOf(reason));
    }

    @Override
    public void scriptFailed() {
        giveUp("Klaviyo's script failed to load");
    }

    /** Called on a timer, and when Klaviyo's script element loads. */
    @Override
    public void poll() {
        if (state != LOADING || checkRunning()) {
            return;
        }
        if (KlaviyoScript.now() >= deadline) {
            giveUp("Klaviyo's script did not run within loadTimeout");
        } else {
            KlaviyoScript.poll(this, POLL_MILLISECONDS);
        }
    }

    /** Becomes ready if Klaviyo's script runs: the commands queued meanwhile go to it, in order. */
    private boolean checkRunning() {
        if (state != LOADING || !KlaviyoScript.running()) {
            return false;
        }
        // Still LOADING while delivering: a command made meanwhile queues behind the others.
        pending.deliver();
        state = READY;
        debug.log("Klaviyo is ready", null);
        notifier.notify("ready");
        return true;
    }

    private void giveUp(String reason) {
        if (state == READY || state == GAVE_UP) {
            return;
        }
        state = GAVE_UP;
        int lost = pending.lost();
        pending.clear();
        debug.log("gave up:", JSString.valueOf(reason));
        if (lost > 0) {
            debug.log("commands dropped:", JSNumber.valueOf(lost));
        }
        notifier.notify("ready");
    }

    private static JSObject accountCommand(String apiKey) {
        return pair("account", apiKey);
    }

    @JSBody(params = {"a", "b"}, script = "return [a, b];")
    private static native JSObject pair(String a, String b);

}
