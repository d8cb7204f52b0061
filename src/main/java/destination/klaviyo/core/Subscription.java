package destination.klaviyo.core;

/**
 * identify → a list subscription, made from the browser through Klaviyo's Create Client Subscription,
 * which needs only the public key: the seed's {@code listId}, kept on the page.
 * https://developers.klaviyo.com/en/v2025-01-15/reference/create_client_subscription
 *
 * <p>Only with the {@code subscribeInBrowser} setting and an apiKey, for a profile with an email, to
 * the call's {@code integrations.Klaviyo.listId}, else the {@code listId} setting. A phone is
 * subscribed to SMS only when the call says {@code integrations.Klaviyo.smsConsent: true}: SMS
 * consent has legal weight and is never inferred. The browser (src/main/js/subscriptions.js) sends
 * it once per list, email and phone, and tries again when the failure may pass.
 */
final class Subscription {
    // Segment's per-call options, read exactly: identify(id, traits, {integrations: {Klaviyo: {...}}}).
    private static final String OPTIONS = "=listId =smsConsent =confirmOptin";
    private static final int LIST_ID = 0;
    private static final int SMS_CONSENT = 1;
    private static final int CONFIRM_OPTIN = 2;

    private final Values values;
    private final KeyList integrationKeys;
    private final KeyList optionKeys;
    /** confirmOptin false was logged: once a page is enough. */
    private boolean optinNoted;

    Subscription(Values values) {
        this.values = values;
        integrationKeys = new KeyList(values, "=Klaviyo");
        optionKeys = new KeyList(values, OPTIONS);
    }

    /** For an identify that made a profile; email and phone (strings, or none) as {@link Identify} found them. */
    void send(Message message, Settings settings, int email, int phone, Commands out) {
        if (email == Values.NO_VALUE) {
            return;
        }
        Found klaviyo = integrationKeys.in(values, message.integrations());
        // Not an object (absent, true): no options, and nothing is looked up in it.
        Found options = optionKeys.in(values, klaviyo.kind(0) == Values.OBJECT ? klaviyo.value(0) : Values.NO_VALUE);
        int list = options.kind(LIST_ID) == Values.STRING && options.truthy(LIST_ID) ? options.value(LIST_ID)
                : settings.listId != null ? values.ofString(settings.listId) : Values.NO_VALUE;
        if (list == Values.NO_VALUE) {
            return;
        }
        boolean confirm = options.kind(CONFIRM_OPTIN) == Values.BOOLEAN ? options.truthy(CONFIRM_OPTIN)
                : settings.confirmOptin;
        if (!confirm && !optinNoted) {
            optinNoted = true;
            out.note("confirmOptin false cannot apply in a browser");
        }
        boolean sms = options.kind(SMS_CONSENT) == Values.BOOLEAN && options.truthy(SMS_CONSENT);
        out.subscribe(list, email, sms ? phone : Values.NO_VALUE);
    }
}
