package destination.klaviyo.core;

/**
 * The destination's settings, as Segment's CDN settings or {@code initialize()} give them. Only what
 * the browser needs is read: {@code privateKey}, {@code sendAnonymous} and {@code useSegmentSpec}
 * apply to Segment's servers, and a private key must never be read by, kept in, or sent from a
 * browser. {@code listId} and {@code confirmOptin} matter only with {@code subscribeInBrowser}.
 */
public final class Settings {
    /** The settings read. */
    static final String KEYS = Setting.KEYS;

    /** The settings read, and the entry of each, by its name. */
    private interface Setting {
        String KEYS = "=apiKey =enforceEmail =queueLimit =loadTimeout =trackByEmail =reportKlaviyoForms"
                + " =subscribeInBrowser =listId =confirmOptin =klaviyoEcommerceMetrics";
        int API_KEY = 0;
        int ENFORCE_EMAIL = 1;
        int QUEUE_LIMIT = 2;
        int LOAD_TIMEOUT = 3;
        int TRACK_BY_EMAIL = 4;
        int REPORT_KLAVIYO_FORMS = 5;
        int SUBSCRIBE_IN_BROWSER = 6;
        int LIST_ID = 7;
        int CONFIRM_OPTIN = 8;
        int KLAVIYO_ECOMMERCE_METRICS = 9;
    }

    /** Klaviyo's public API key (site id), or null when missing or empty. */
    public final String apiKey;
    /** Never send {@code $id}: the userId goes in a custom {@code id}, and only {@code $email} identifies. */
    public final boolean enforceEmail;
    /** Commands kept while Klaviyo's script loads; the oldest are dropped beyond it. */
    public final int queueLimit;
    /**
     * Milliseconds after which the host is told the destination is ready if Klaviyo has not answered
     * the account command; the queue waits on for Klaviyo.
     */
    public final int loadTimeout;
    /** Key a track to the person by email: see {@link TrackByEmail}. Off unless set. */
    public final boolean trackByEmail;
    /** Sign-ups in Klaviyo's forms become an identify and a track on analytics.js (never echoed to Klaviyo). */
    public final boolean reportKlaviyoForms;
    /**
     * Make identify's list subscriptions from the browser (see {@link Subscription}). Off by default:
     * a listId in a source's settings used to mean a subscription by Segment's servers only.
     */
    public final boolean subscribeInBrowser;
    /** The list identify subscribes to when the call names none, or null. */
    public final String listId;
    /** false only when the setting is false: Segment's documented default is true. */
    public final boolean confirmOptin;
    /**
     * Segment's ecommerce events become Klaviyo's standard ecommerce metrics ({@link EcommerceMetrics}).
     * Off unless set: it changes the events an existing source's Klaviyo receives.
     */
    public final boolean ecommerceMetrics;

    private Settings(Values values, Found settings) {
        apiKey = text(values, settings, Setting.API_KEY);
        enforceEmail = settings.truthy(Setting.ENFORCE_EMAIL);
        queueLimit = count(values, settings, Setting.QUEUE_LIMIT, 1000);
        loadTimeout = count(values, settings, Setting.LOAD_TIMEOUT, 10000);
        trackByEmail = settings.truthy(Setting.TRACK_BY_EMAIL);
        reportKlaviyoForms = settings.truthy(Setting.REPORT_KLAVIYO_FORMS);
        subscribeInBrowser = settings.truthy(Setting.SUBSCRIBE_IN_BROWSER);
        listId = text(values, settings, Setting.LIST_ID);
        confirmOptin = settings.kind(Setting.CONFIRM_OPTIN) != Values.BOOLEAN || settings.truthy(Setting.CONFIRM_OPTIN);
        ecommerceMetrics = settings.truthy(Setting.KLAVIYO_ECOMMERCE_METRICS);
    }

    static Settings read(Values values, Found settings) {
        return new Settings(values, settings);
    }

    /** A string setting, trimmed; null when missing, empty or not a string. */
    private static String text(Values values, Found settings, int setting) {
        String text = settings.kind(setting) == Values.STRING ? values.text(values.trim(settings.value(setting))) : "";
        return text.isEmpty() ? null : text;
    }

    private static int count(Values values, Found settings, int setting, int otherwise) {
        double n = settings.kind(setting) == Values.NUMBER ? values.parseFloat(values.text(settings.value(setting))) : -1;
        return n >= 0 && n <= 1e9 ? (int) n : otherwise;
    }
}
