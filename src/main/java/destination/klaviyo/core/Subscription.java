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
 * it, and remembers the mark of each subscription made, so that a double opt-in list does not send a
 * confirmation email on every page.
 */
public final class Subscription {
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

    /** For an identify that made a profile; email and phone as {@link Identify} found them. */
    void send(Message message, Settings settings, int email, int phone, Commands out) {
        Found klaviyo = integrationKeys.in(values, message.integrations());
        Found options = klaviyo.kind(0) == Values.OBJECT ? optionKeys.in(values, klaviyo.value(0)) : null;
        int list = options != null && options.kind(LIST_ID) == Values.STRING && options.truthy(LIST_ID)
                ? options.value(LIST_ID)
                : settings.listId != null ? values.ofString(settings.listId) : Values.NO_VALUE;
        if (list == Values.NO_VALUE || email == Values.NO_VALUE) {
            out.note("no subscription: it needs a listId and an email");
            return;
        }
        boolean confirm = options != null && options.kind(CONFIRM_OPTIN) == Values.BOOLEAN
                ? options.truthy(CONFIRM_OPTIN) : settings.confirmOptin;
        if (!confirm && !optinNoted) {
            optinNoted = true;
            out.note("confirmOptin false cannot apply in a browser: the list's own opt-in setting does");
        }
        boolean sms = options != null && options.kind(SMS_CONSENT) == Values.BOOLEAN && options.truthy(SMS_CONSENT)
                && phone != Values.NO_VALUE;
        // Once per list and person: the email, and the phone when it is subscribed too.
        int mark = values.join(list, "\n", email);
        out.subscribe(list, email, sms ? phone : Values.NO_VALUE, sms ? values.join(mark, "\n", phone) : mark);
    }

    /**
     * After Klaviyo's answer to attempt {@code attempt} (0 for the first request) of a subscription,
     * {@code status} being 0 when the network failed: 0 when it is made, else the milliseconds to
     * wait before trying again, or -1 to give up. A 429, a 5xx or a network error may pass, and is
     * tried again twice, after about 1 s and then 4 s; any other answer would only come again.
     */
    public static int retryDelay(int status, int attempt) {
        if (status >= 200 && status < 300) {
            return 0;
        }
        return (status == 0 || status == 429 || status >= 500) && attempt < 2 ? 1000 << 2 * attempt : -1;
    }
}
