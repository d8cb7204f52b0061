package destination.klaviyo.core;

/**
 * identify → a list subscription, made from the browser through Klaviyo's Create Client Subscription,
 * which needs only the public key: the {@code listId} of Segment's documentation of the destination, kept on the page.
 * https://developers.klaviyo.com/en/v2025-01-15/reference/create_client_subscription
 *
 * <p>Only with the {@code subscribeInBrowser} setting and an apiKey, for a profile with an email that
 * Klaviyo takes ({@link #EMAIL}), to the call's {@code integrations.Klaviyo.listId}, else the
 * {@code listId} setting. A phone is subscribed to SMS only when the call says
 * {@code integrations.Klaviyo.smsConsent: true} (SMS consent has legal weight and is never inferred),
 * and only in {@link #E164} once spaces, dashes, dots and parentheses are taken out: Klaviyo refuses the
 * whole request, email included, for any other phone. Each subscription has a key, by which the
 * browser makes it once; when and how often it is tried is {@link SubscriptionPolicy}'s.
 *
 * <p>The request's body is decided here too, whole: the profile's email, its phone and SMS channel when
 * there is one, our {@code custom_source}, the list. Nothing else of the profile: the onsite identify
 * carries it. The browser only sends it.
 */
final class Subscription {
    /**
     * Segment's per-call options, read exactly: identify(id, traits, {integrations: {Klaviyo: {...}}}),
     * and the entry of each, by its name.
     */
    private interface Option {
        String KEYS = "=listId =smsConsent =confirmOptin";
        int LIST_ID = 0;
        int SMS_CONSENT = 1;
        int CONFIRM_OPTIN = 2;
    }
    /**
     * An email Klaviyo takes: no white space, one {@code @}, something before it, and after it two or
     * more labels joined by dots, none empty. Stricter than identify's {@code .+@.+\\..+}: every email
     * this takes, that one takes.
     */
    static final String EMAIL = "^[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+$";
    /** What people type in a phone number besides its digits and that E.164 leaves out. */
    static final String PHONE_MARKS = "[ \\u00a0().-]";
    /**
     * E.164, as Klaviyo's client API requires: {@code +} then 8 to 15 digits, the first not 0. A national
     * number is left out: no one guesses its country.
     * https://help.klaviyo.com/hc/en-us/articles/360046055671
     */
    static final String E164 = "^\\+[1-9]\\d{7,14}$";

    /**
     * The Create Client Subscription body, as Klaviyo's documentation writes it: the email subscribed
     * to marketing, and the phone to SMS when there is one, on the list, with our custom_source.
     */
    static final String BODY = """
            {"data": {"type": "subscription", "attributes": {"custom_source": "Segment analytics.js",
              "profile": {"data": {"type": "profile", "attributes": {"email": "@email",
                "subscriptions": {"email": "@subscribed", "sms": "@sms"}, "phone_number": "@phone"}}}},
              "relationships": {"list": {"data": {"type": "list", "id": "@list"}}}}}""";

    /** A channel's consent in the body. */
    static final String SUBSCRIBED = """
            {"marketing": {"consent": "SUBSCRIBED"}}""";

    private final Values values;
    private final KeyList integrationKeys;
    private final KeyList optionKeys;
    /** confirmOptin false was logged: once a page is enough. */
    private boolean optinNoted;

    Subscription(Values values) {
        this.values = values;
        integrationKeys = new KeyList(values, "=Klaviyo");
        optionKeys = new KeyList(values, Option.KEYS);
    }

    /**
     * For an identify that made a profile with this $email and phone ({@link Values#NO_VALUE}: none):
     * only an email that is a string is subscribed.
     */
    void send(Message message, Settings settings, int email, int phone, Commands out) {
        if (email == Values.NO_VALUE || values.kind(email) != Values.STRING) {
            return;
        }
        Found klaviyo = integrationKeys.in(values, message.integrations);
        // Not an object (absent, true): no options, and nothing is looked up in it.
        Found options = optionKeys.in(values, klaviyo.kind(Found.ONLY) == Values.OBJECT ? klaviyo.value(Found.ONLY) : Values.NO_VALUE);
        int listId = options.kind(Option.LIST_ID) == Values.STRING ? options.ifTruthy(Option.LIST_ID) : Values.NO_VALUE;
        boolean sms = options.kind(Option.SMS_CONSENT) == Values.BOOLEAN && options.truthy(Option.SMS_CONSENT);
        boolean confirm = options.kind(Option.CONFIRM_OPTIN) == Values.BOOLEAN ? options.truthy(Option.CONFIRM_OPTIN)
                : settings.confirmOptin;
        int list = listId != Values.NO_VALUE ? listId
                : settings.listId != null ? values.ofString(settings.listId) : Values.NO_VALUE;
        if (list == Values.NO_VALUE) {
            return;
        }
        int address = values.trim(email);
        if (!values.test(EMAIL, address)) {
            out.note("no subscription: invalid email");
            return;
        }
        if (!confirm && !optinNoted) {
            optinNoted = true;
            out.note("confirmOptin false cannot apply in a browser");
        }
        int number = Values.NO_VALUE;
        if (sms && phone != Values.NO_VALUE) {
            number = values.ofString(values.replace(PHONE_MARKS, values.text(phone), ""));
            if (!values.test(E164, number)) {
                number = Values.NO_VALUE;
                out.note("phone left out: not E.164");
            }
        }
        int subscribed = values.template(SUBSCRIBED);
        int body = values.template(BODY, address, subscribed, number == Values.NO_VALUE ? Values.NO_VALUE : subscribed,
                number, list);
        // One subscription per list, email and SMS phone (another one when SMS is asked later).
        out.subscribe(list, body, values.array(new int[] {list, address, number}, 3));
    }
}
