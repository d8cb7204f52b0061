package destination.klaviyo.core;

/**
 * Whether consent lets a message reach the destination, for a destination with consent categories.
 * Segment's consent tools stamp every event with {@code context.consent.categoryPreferences}, the
 * visitor's choice per category, and keep a destination whose categories are not all granted from
 * loading or drop its events; they never stop a loaded destination when consent is revoked. So each
 * message is checked here: one whose preferences leave a category not {@code true} is dropped; one
 * without preferences passes, as with Segment.
 * https://segment.com/docs/privacy/consent-management/consent-in-segment-connections/
 *
 * <p>Segment's consent event ({@link #CONSENT_EVENT}) is never sent on. When it denies a category,
 * consent is revoked: the destination logs out, stops its subscriptions and turns Klaviyo's tracking
 * off ({@link #OFF_COOKIE}) for a year, and nothing more passes until a grant. The first grant the
 * page hears deletes {@link #OFF_COOKIE}, before Klaviyo's script may load: Klaviyo reads it when its
 * script starts. https://help.klaviyo.com/hc/en-us/articles/360034666712
 *
 * <p>A message whose consent cannot be read (a getter or a Proxy trap that throws, a context that is
 * no data) is dropped without a word: a page that hides its consent gets no say.
 */
public final class Consent {
    /** The event Segment's consent wrappers send when the visitor changes their preferences. */
    public static final String CONSENT_EVENT = "Segment Consent Preference Updated";
    /** Klaviyo's "tracking off" cookie: {@code true} turns its script's tracking off. */
    public static final String OFF_COOKIE = "__kla_off";
    /** How long a revocation keeps {@link #OFF_COOKIE}, in seconds: a year. */
    public static final int OFF_MAX_AGE = 31536000;

    // What becomes of a message.
    /** Dropped. */
    public static final int DROPPED = 0;
    /** It starts the destination, and is not mapped (Segment's consent event). */
    public static final int STARTS = 1;
    /** It starts the destination, and is mapped. */
    public static final int DELIVERED = 2;

    // What the page heard.
    private static final int NOTHING = 0;
    private static final int GRANTED = 1;
    private static final int REVOKED = 2;

    /**
     * The settings Consent reads itself, since it decides before a message reaches the mapping: the
     * consent categories, {@code consentSettings.categories} as Segment's CDN gives them, else
     * {@code consentCategories}.
     */
    static final String SETTINGS = Setting.KEYS;

    // What is read of each object, and the entry of each key, by its name.
    private interface Setting {
        String KEYS = "=consentSettings =consentCategories";
        int CONSENT_SETTINGS = 0;
        int CONSENT_CATEGORIES = 1;
    }

    private static final String CONSENT_SETTINGS = "=categories";

    private interface Field {
        String KEYS = "=context =event";
        int CONTEXT = 0;
        int EVENT = 1;
    }

    private static final String CONTEXT = "=consent";
    private static final String CONSENT = "=categoryPreferences";

    /** What a consent decision has done; the destination carries each out. */
    public interface Effects {
        /** Delete {@link #OFF_COOKIE}. */
        void grant();

        /** Log out ({@link Logout}), stop subscriptions, set {@link #OFF_COOKIE} to true for {@link #OFF_MAX_AGE}. */
        void revoke();

        /** Tell the host the message was dropped for want of consent (it says "ready"). */
        void refuse();
    }

    /** The categories, by their text; null for one that can be no key (it is never granted). */
    private final String[] categories;
    private final KeyList messageKeys;
    private final KeyList contextKeys;
    private final KeyList consentKeys;
    private int heard = NOTHING;

    private Consent(Values values, String[] categories) {
        this.categories = categories;
        messageKeys = new KeyList(values, Field.KEYS);
        contextKeys = new KeyList(values, CONTEXT);
        consentKeys = new KeyList(values, CONSENT);
    }

    /**
     * The consent of a destination with these settings, or null when it has no categories: the CDN
     * settings' {@code consentSettings.categories} (the field Segment's consent tools read), else the
     * setting {@code consentCategories}, the first that is a non-empty array (at most
     * {@link Values#MAX_ITEMS} categories).
     */
    public static Consent of(Values values, int settings) {
        Found found = new KeyList(values, Setting.KEYS).in(values, settings);
        int list = new KeyList(values, CONSENT_SETTINGS).in(values, found.value(Setting.CONSENT_SETTINGS)).value(Found.ONLY);
        if (values.length(list) == 0) {
            list = found.value(Setting.CONSENT_CATEGORIES);
        }
        int n = values.length(list);
        if (n == 0) {
            return null;
        }
        String[] categories = new String[n];
        for (int i = 0; i < n; i++) {
            int category = values.at(list, i);
            int kind = values.kind(category);
            // A category is a key: a string, or a number as JavaScript writes it.
            categories[i] = kind == Values.STRING || kind == Values.NUMBER ? values.text(category) : null;
        }
        return new Consent(values, categories);
    }

    /** What becomes of a message: {@link #DROPPED}, {@link #STARTS} or {@link #DELIVERED}; the effects are done first. */
    public int admit(Values values, int message, Effects effects) {
        Found m = messageKeys.in(values, message);
        Found context = contextKeys.in(values, m.value(Field.CONTEXT));
        Found consent = consentKeys.in(values, context.value(Found.ONLY));
        int preferences = consent.value(Found.ONLY);
        // A Proxy whose traps throw is OTHER; a getter that throws, THREW (with the value undefined).
        if (values.kind(message) == Values.OTHER || m.kind(Field.CONTEXT) == Values.OTHER || m.threw(Field.CONTEXT)
                || context.kind(Found.ONLY) == Values.OTHER || context.threw(Found.ONLY) || m.threw(Field.EVENT)
                || consent.threw(Found.ONLY)) {
            return DROPPED;
        }
        boolean event = m.kind(Field.EVENT) == Values.STRING && CONSENT_EVENT.equals(values.text(m.value(Field.EVENT)));
        int said = NOTHING;
        if (consent.kind(Found.ONLY) == Values.OBJECT) {
            said = GRANTED;
            for (String category : categories) {
                int kind = category == null ? Values.UNDEFINED : values.kindAt(preferences, category);
                if ((kind & Values.THREW) != 0) {
                    return DROPPED;
                }
                if (kind != (Values.BOOLEAN | Values.TRUTHY)) {
                    said = REVOKED;
                }
            }
        }
        if (said == GRANTED && heard != GRANTED) {
            heard = GRANTED;
            effects.grant();
        }
        if (said == REVOKED && event) {
            heard = REVOKED;
            effects.revoke();
        }
        if (said == REVOKED || heard == REVOKED) {
            effects.refuse();
            return DROPPED;
        }
        return event ? STARTS : DELIVERED;
    }
}
