package destination.klaviyo.core;

/**
 * The visitor's consent, message by message. Segment's consent tools stamp every event with
 * {@code context.consent.categoryPreferences}, the visitor's choice per consent category, and a
 * destination may have an event only when each of its categories is {@code true} there; an event
 * without preferences passes. The consent tools enforce that only when destinations load (opt-in) or
 * through middleware (opt-out): never for a plugin, never once a loaded destination's consent is
 * revoked. So the destination checks every message itself.
 * https://segment.com/docs/privacy/consent-management/consent-in-segment-connections/
 *
 * <p>The destination's categories are its CDN settings' {@code consentSettings.categories}, which the
 * consent tools read too, else its setting {@code consentCategories}. Without any, nothing is checked.
 */
public final class Consent {
    /** No categories, or no preferences in the message: it passes. */
    public static final int NONE = 0;
    /** The message's preferences grant every category. */
    public static final int GRANTED = 1;
    /** The message's preferences leave a category not {@code true}: it is dropped. */
    public static final int DENIED = 2;
    /** Added for the consent tools' own event, which tells of a change and is never sent to Klaviyo. */
    public static final int UPDATED = 4;

    /** What Segment's consent tools track when the visitor's choice changes. */
    public static final String UPDATED_EVENT = "Segment Consent Preference Updated";

    private final Values values;
    private final KeyList consentSettingsKeys;
    private final KeyList contextKeys;
    private final KeyList consentKeys;

    Consent(Values values) {
        this.values = values;
        consentSettingsKeys = new KeyList(values, "=categories");
        contextKeys = new KeyList(values, "=consent");
        consentKeys = new KeyList(values, "=categoryPreferences");
    }

    /**
     * The destination's categories as a key list: {@code consentSettings.categories}, else
     * {@code consentCategories}, whichever is a non-empty array first; null when neither is.
     */
    KeyList categories(int consentSettings, int consentCategories) {
        int list = consentSettingsKeys.in(values, consentSettings).value(0);
        if (values.length(list) == 0) {
            list = consentCategories;
        }
        return values.length(list) == 0 ? null : new KeyList(values, values.keysIn(list));
    }

    /** What the message's preferences say of the categories: {@link #NONE}, {@link #GRANTED} or {@link #DENIED}, plus {@link #UPDATED}. */
    int of(Message message, KeyList categories) {
        int event = message.event();
        int decision = event != Values.NO_VALUE && UPDATED_EVENT.equals(values.text(event)) ? UPDATED : NONE;
        Found preferences = consentKeys.in(values, contextKeys.in(values, message.context()).value(0));
        if (preferences.kind(0) != Values.OBJECT) {
            return decision;
        }
        // As the consent tools decide, but strictly: only true grants (they take any truthy value).
        Found granted = categories.in(values, preferences.value(0));
        for (int i = 0; i < categories.size; i++) {
            if (granted.kind(i) != Values.BOOLEAN || !granted.truthy(i)) {
                return decision | DENIED;
            }
        }
        return decision | GRANTED;
    }
}
