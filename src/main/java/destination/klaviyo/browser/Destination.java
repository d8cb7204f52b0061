package destination.klaviyo.browser;

import destination.klaviyo.core.Commands;
import destination.klaviyo.core.Consent;
import destination.klaviyo.core.Logout;
import destination.klaviyo.core.LogoutOrder;
import destination.klaviyo.core.Mapping;
import destination.klaviyo.core.Settings;
import destination.klaviyo.core.Values;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * One Klaviyo destination on a page: its settings, its lifecycle, its queue, and its own mapping
 * with what it remembers of who the visitor is (two destinations on a page share nothing). The
 * integration object and the plugin of src/main/js/integration.js each drive one of these through
 * {@link Bundle}.
 *
 * <p>Lifecycle: idle until started (the first page call, as the destination assumes a pageview; or
 * the plugin's load), then loading until Klaviyo's script runs, then ready. Klaviyo's script runs
 * when it answers the account command's callback. At {@code loadTimeout} the host is told the
 * destination is ready, so that nothing waits on it, but the queue (at most {@code queueLimit}
 * commands) waits on for Klaviyo: on a slow network its script can take that long. The destination
 * gives up for good only when the script fails to load, when there is no apiKey, or when the page's
 * Trusted Types refuse the script: the queue is released and later messages are dropped at once.
 */
final class Destination implements JSObject, Commands, Logout.Cookies, Consent.Effects {
    private static final int IDLE = 0;
    private static final int LOADING = 1;
    private static final int READY = 2;
    private static final int GAVE_UP = 3;

    private final Values values;
    private final Mapping mapping;
    private final Settings settings;
    private final Notifier notifier;
    /** The integration object or the plugin: what the host gives the destination, its analytics instance. */
    private final JSObject host;
    private final Debug debug = new Debug();
    private final KlaviyoQueue pending;
    /** What consent allows, with consent categories; null without (then consent is not checked). */
    private final Consent consent;
    private int state = IDLE;
    private int initializeCalls;
    /** The host was told "ready": once is enough. */
    private boolean hostTold;
    /** Where the logout goes among the messages ({@link LogoutOrder}). */
    private final LogoutOrder logoutOrder = new LogoutOrder();
    /** The anonymousIds of the calls made before the last reset and after it, as the host gave them; null before a reset. */
    private JSObject anonymousBefore;
    private JSObject anonymousAfter;
    /** The anonymousId of the last message, while the host has emitted no reset. */
    private JSObject anonymousLast;
    /** The debug log said that a call came before the first page call. */
    private boolean toldNoPage;

    /**
     * Tells the host about the lifecycle: "initialize" on the first initialize() call, "ready" once
     * Klaviyo's script runs or the destination has given up, so the host need not wait any more.
     */
    @JSFunctor
    interface Notifier extends JSObject {
        void notify(String event);
    }

    Destination(Values values, Notifier notifier, JSObject settingsObject, JSObject host) {
        this.values = values;
        mapping = new Mapping(values, new TabIdentity(), new SessionStorage());
        this.notifier = notifier;
        this.host = host;
        int settingsHandle = JsValues.hold(settingsObject);
        settings = mapping.settings(settingsHandle);
        consent = Consent.of(values, settingsHandle);
        pending = new KlaviyoQueue(settings.queueLimit, this);
    }

    /**
     * The integration contract's initialize(). The destination assumes a pageview, so Klaviyo's script
     * loads on the first page call, not here: the first call only says "initialize", which Analytics
     * Next waits for before it delivers that page call (and it may call initialize() only once, when
     * the bundle arrives after the snippet's page). A second call, which Analytics Next makes when the
     * page comes after, starts the destination as the page would; with consent categories it does
     * not, since only a message consent lets through may start it.
     */
    void initialize() {
        if (initializeCalls++ == 0) {
            notifier.notify("initialize");
        } else if (consent == null) {
            start();
        }
    }

    /**
     * Analytics Next loaded the plugin: it starts, or with consent categories it waits for the first
     * message consent lets through, and Analytics Next need not wait for that.
     */
    void pluginLoaded() {
        if (consent == null) {
            start();
        } else {
            notifier.notify("ready");
        }
    }

    /**
     * A message: identify, track and group map to Klaviyo commands; page and alias send nothing.
     * With consent categories, {@link Consent} says whether it passes, and the first that passes
     * starts the destination; without, the first page starts it (Klaviyo's script records page views).
     */
    void message(JSObject type, JSObject message) {
        // Which side of the last reset it was made on: its identity says (LogoutOrder).
        int order;
        if (anonymousAfter == null) {
            JSObject anonymousId = anonymousId(message);
            boolean changed = changed(anonymousId, anonymousLast);
            // The host's user is asked only where a reset may show: a message without a userId of its
            // own, whose anonymousId changed. Every other message keeps what the last one said.
            order = logoutOrder.withoutResetEvent(hasUserId(message) || changed && hostHasUserId(host), changed);
            anonymousLast = anonymousId;
        } else {
            order = logoutOrder.message(madeBy(message, anonymousAfter), madeBy(message, anonymousBefore));
        }
        if (order == LogoutOrder.LOG_OUT_FIRST) {
            logOut();
        }
        map(type, message);
        if (order == LogoutOrder.LOG_OUT_AFTER) {
            logOut();
        }
    }

    @JSBody(params = "m", script = "return portRead(m, 'anonymousId');")
    private static native JSObject anonymousId(JSObject message);

    /** Whether the message has a userId, a non-empty string or a number. */
    @JSBody(params = "m", script = "var u = portRead(m, 'userId');"
            + " return typeof u == 'string' ? u !== '' : typeof u == 'number';")
    private static native boolean hasUserId(JSObject message);

    /**
     * Whether the host's user has a userId now (analytics.js-core puts it only in an identify's
     * message). Asked without throwing where the host has no user (a throw costs microseconds).
     */
    @JSBody(params = "h", script = "var a = h.analytics, u = null;"
            + " try { u = a && typeof a.user == 'function' && a.user(); u = u && typeof u.id == 'function' ? u.id() : null; }"
            + " catch (e) { u = null; }"
            + " return typeof u == 'string' ? u !== '' : typeof u == 'number';")
    private static native boolean hostHasUserId(JSObject host);

    /** Whether two anonymousIds are strings, and differ. */
    @JSBody(params = {"a", "b"}, script = "return typeof a == 'string' && typeof b == 'string' && a !== b;")
    private static native boolean changed(JSObject a, JSObject b);

    /** Whether the message has this anonymousId, a string. */
    @JSBody(params = {"m", "a"}, script = "return typeof a == 'string' && portRead(m, 'anonymousId') === a;")
    private static native boolean madeBy(JSObject message, JSObject anonymousId);

    private void map(JSObject type, JSObject message) {
        int handle = JsValues.hold(message);
        if (consent != null) {
            int admitted = consent.admit(values, handle, this);
            if (admitted == Consent.DROPPED) {
                debug.log("dropped, no consent:", type);
                return;
            }
            start();
            if (admitted == Consent.STARTS) {
                return;
            }
        } else if (is(type, "page")) {
            start();
            return;
        } else if (state == IDLE) {
            noPageYet();
        }
        // A list subscription goes to Klaviyo's API, whether or not its script runs.
        if (state == GAVE_UP && !(settings.subscribeInBrowser && is(type, "identify"))) {
            debug.log("dropped, Klaviyo is off:", type);
            return;
        }
        if (is(type, "identify")) {
            mapping.identify(handle, settings, this);
        } else if (is(type, "track")) {
            mapping.track(handle, settings, this);
        } else if (is(type, "group")) {
            mapping.group(handle, this);
        }
    }

    /**
     * A call made to the host (Analytics Next's dispatch_start), which reaches the destination later,
     * or never: Analytics Next holds a classic destination's calls until it is ready. False once there
     * is nothing more to hear: the note was said, the destination started, or consent starts it.
     */
    boolean called(JSObject type) {
        if (consent != null || state != IDLE || toldNoPage) {
            return false;
        }
        if (!is(type, "page")) {
            noPageYet();
        }
        return !toldNoPage;
    }

    /**
     * A call before the first page call, which starts the destination: said once, with what to do, as
     * nothing reaches Klaviyo until that page call.
     */
    private void noPageYet() {
        if (!toldNoPage) {
            toldNoPage = true;
            debug.log("a call before the first page call: Klaviyo loads at the first analytics.page(); make one on each page load");
        }
    }

    /** The message type, a JavaScript string: compared there, it never becomes a Java string. */
    @JSBody(params = {"t", "n"}, script = "return t === n;")
    private static native boolean is(JSObject type, String name);

    void start() {
        if (state != IDLE) {
            return;
        }
        String apiKey = settings.apiKey;
        if (apiKey == null) {
            giveUp("no apiKey");
            return;
        }
        state = LOADING;
        // First: whatever goes wrong below, the host hears at loadTimeout at the latest.
        KlaviyoScript.waitFor(this, settings.loadTimeout);
        if (settings.reportKlaviyoForms) {
            KlaviyoForms.report(host);
        }
        // Klaviyo's script refuses to run twice: one a store platform added is used as it is.
        boolean running = KlaviyoScript.running();
        if (!running && !KlaviyoScript.present()) {
            if (!KlaviyoScript.insert(apiKey)) {
                giveUp("Trusted Types refuse Klaviyo's script");
                return;
            }
        } else {
            debug.log("Klaviyo is already on the page");
        }
        // Every destination waiting for Klaviyo's script hears if it fails, whoever inserted it.
        if (!running) {
            KlaviyoScript.watch(this);
        }
        // Last: a Klaviyo that runs already answers at once.
        KlaviyoScript.account(apiKey, this);
    }

    /** The integration contract's loaded(): whether Klaviyo's script runs for this destination. */
    boolean loaded() {
        return state == READY;
    }

    /**
     * The integration contract's reset(): what the destination keeps is cleared, its queue. Klaviyo's
     * own queue, and the account it was given, belong to Klaviyo's script and stay.
     */
    void reset() {
        pending.clear();
    }

    /**
     * Analytics Next's reset: the anonymousIds of the calls made before it ({@code before}, the last
     * call's) and after it ({@code after}), and whether calls made before it are still on their way
     * through the host. The logout runs now, or when {@link LogoutOrder} says.
     */
    void resetHeard(JSObject before, JSObject after, boolean callsBeforeUnderWay) {
        anonymousBefore = before;
        anonymousAfter = after;
        if (logoutOrder.reset(callsBeforeUnderWay, isString(after))) {
            logOut();
        }
    }

    /** The calls made before the last reset are through the host. */
    void callsBeforeResetThrough() {
        if (logoutOrder.callsBeforeThrough()) {
            logOut();
        }
    }

    @JSBody(params = "a", script = "return typeof a == 'string';")
    private static native boolean isString(JSObject value);

    /**
     * A logout, or a revocation of consent: what {@link Logout} says goes. The mapping forgets the
     * person at once, for the messages that follow; Klaviyo forgets them after the commands made
     * before, which wait in the queue while its script loads.
     */
    void logOut() {
        mapping.forget(settings);
        if (state == LOADING || state == IDLE) {
            pending.logOut();
        } else {
            klaviyoLogOut();
        }
    }

    /** Klaviyo's part of a logout: its cookie, and the identity its running script holds. */
    void klaviyoLogOut() {
        Logout.deleteIdentityCookie(values, KlaviyoScript.host(), this);
        KlaviyoScript.clearIdentity();
    }

    @Override
    public void send(int command) {
        JSObject value = JsValues.value(command);
        if (state == READY) {
            // Logged first: Klaviyo's script adds keys of its own to what it is handed.
            debug.log("sent:", value);
            KlaviyoScript.push(value, settings.apiKey);
        } else if (state == GAVE_UP) {
            debug.log("dropped, Klaviyo is off:", value);
        } else if (pending.add(value)) {
            debug.log("queued:", value);
        } else {
            debug.log("queue full, oldest command dropped");
        }
    }

    @Override
    public void skip(String reason) {
        debug.log("nothing sent:", reason);
    }

    @Override
    public void subscribe(int list, int body, int key) {
        // Nothing when this browser made that subscription already, or is making it.
        if (Subscriptions.request(settings.apiKey, key, body)) {
            debug.log("subscribing to list:", JsValues.value(list));
        }
    }

    @Override
    public void grant() {
        KlaviyoScript.setCookie(Consent.OFF_COOKIE, "", 0);
    }

    @Override
    public void revoke() {
        logOut();
        Subscriptions.cancel();
        KlaviyoScript.setCookie(Consent.OFF_COOKIE, "true", Consent.OFF_MAX_AGE);
    }

    @Override
    public void refuse() {
        tellHostReady();
    }

    /** Where {@link Logout} deletes cookies. */
    @Override
    public void delete(String name, String domain) {
        KlaviyoScript.deleteCookie(name, domain);
    }

    @Override
    public void note(String note) {
        debug.log(note);
    }

    /** Klaviyo answered the account: its script runs. The commands queued meanwhile go to it, in order. */
    void klaviyoAnswered() {
        if (state != LOADING) {
            return;
        }
        // Still LOADING while delivering: a command made meanwhile queues behind the others.
        pending.deliver(settings.apiKey);
        state = READY;
        debug.log("Klaviyo is ready");
        tellHostReady();
    }

    /**
     * {@code loadTimeout} has passed and Klaviyo has not answered: the host hears "ready", so that it
     * does not wait, and the queue waits on for Klaviyo.
     */
    void late() {
        if (state == LOADING) {
            debug.log("Klaviyo's script did not run within loadTimeout: ready, and waiting for it");
            tellHostReady();
        }
    }

    /**
     * Gives up on Klaviyo for good, unless it runs already: no apiKey, its script failed to load
     * (blocked, or not there), or the page's Trusted Types refuse it.
     */
    void giveUp(String reason) {
        if (state == READY || state == GAVE_UP) {
            return;
        }
        state = GAVE_UP;
        int lost = pending.lost();
        pending.clear();
        debug.log("gave up:", reason);
        if (lost > 0) {
            debug.log("commands dropped:", count(lost));
        }
        tellHostReady();
    }

    private void tellHostReady() {
        if (!hostTold) {
            hostTold = true;
            notifier.notify("ready");
        }
    }

    @JSBody(params = "n", script = "return n;")
    private static native JSObject count(int n);
}
