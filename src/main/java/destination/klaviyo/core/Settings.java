package destination.klaviyo.core;

/**
 * The destination's settings, as Segment's CDN settings or {@code initialize()} give them. Only what
 * the browser needs is read: {@code privateKey}, {@code sendAnonymous} and {@code useSegmentSpec}
 * apply to Segment's servers, and a private key must never be read by, kept in, or sent from a
 * browser. {@code listId} and {@code confirmOptin} matter only with {@code subscribeInBrowser}.
 */
public final class Settings {
    /** The settings, in the order the constructor reads them. */
    static final String KEYS = "=apiKey =enforceEmail =queueLimit =loadTimeout =trackByEmail =reportKlaviyoForms"
            + " =subscribeInBrowser =listId =confirmOptin =klaviyoEcommerceMetrics";
    /**
     * The settings {@link Consent} reads itself, since it decides before a message reaches the
     * mapping: the consent categories, {@code consentSettings.categories} as Segment's CDN gives them,
     * else {@code consentCategories}.
     */
    static final String SHELL_KEYS = "consentSettings consentCategories";

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
        apiKey = text(values, settings.next());
        enforceEmail = settings.next().truthy();
        queueLimit = count(values, settings.next(), 1000);
        loadTimeout = count(values, settings.next(), 10000);
        trackByEmail = settings.next().truthy();
        reportKlaviyoForms = settings.next().truthy();
        subscribeInBrowser = settings.next().truthy();
        listId = text(values, settings.next());
        confirmOptin = settings.next().kind() != Values.BOOLEAN || settings.truthy();
        ecommerceMetrics = settings.next().truthy();
    }

    static Settings read(Values values, Found settings) {
        return new Settings(values, settings);
    }

    /** A string setting, trimmed; null when missing, empty or not a string. */
    private static String text(Values values, Found setting) {
        String text = setting.kind() == Values.STRING ? values.text(values.trim(setting.value())) : "";
        return text.isEmpty() ? null : text;
    }

    private static int count(Values values, Found setting, int otherwise) {
        double n = setting.kind() == Values.NUMBER ? values.parseFloat(values.text(setting.value())) : -1;
        return n >= 0 && n <= 1e9 ? (int) n : otherwise;
    }
}
