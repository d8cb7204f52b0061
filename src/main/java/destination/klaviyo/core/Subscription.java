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
    // Segment's per-call options, read exactly: identify(id, traits, {integrations: {Klaviyo: {...}}}).
    private static final String OPTIONS = "=listId =smsConsent =confirmOptin";
    private static final int LIST_ID = 0;
    private static final int SMS_CONSENT = 1;
    private static final int CONFIRM_OPTIN = 2;
    /**
     * An email Klaviyo takes: no white space, one {@code @}, something before it, and after it two or
     * more labels joined by dots, none empty. Stricter than identify's {@code .+@.+\..+}: every email
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
     * The keys of the request's JSON:API body, one list for all its objects: each object writes some
     * of them, in this order, which is the order Klaviyo's documentation writes them in.
     */
    private static final String BODY = "data type id custom_source profile attributes relationships list email"
            + " subscriptions sms phone_number marketing consent";
    private static final int DATA = 0;
    private static final int TYPE = 1;
    private static final int ID = 2;
    private static final int CUSTOM_SOURCE = 3;
    private static final int PROFILE = 4;
    private static final int ATTRIBUTES = 5;
    private static final int RELATIONSHIPS = 6;
    private static final int LIST = 7;
    private static final int EMAIL_ADDRESS = 8;
    private static final int SUBSCRIPTIONS = 9;
    private static final int SMS = 10;
    private static final int PHONE_NUMBER = 11;
    private static final int MARKETING = 12;
    private static final int CONSENT = 13;
    /** What Klaviyo shows as the subscription's source. */
    static final String SOURCE = "Segment analytics.js";

    private final Values values;
    private final KeyList integrationKeys;
    private final KeyList optionKeys;
    private final KeyList bodyKeys;
    /** confirmOptin false was logged: once a page is enough. */
    private boolean optinNoted;

    Subscription(Values values) {
        this.values = values;
        integrationKeys = new KeyList(values, "=Klaviyo");
        optionKeys = new KeyList(values, OPTIONS);
        bodyKeys = new KeyList(values, BODY);
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
        int address = values.trim(email);
        if (!values.test(EMAIL, address)) {
            out.note("no subscription: invalid email");
            return;
        }
        boolean confirm = options.kind(CONFIRM_OPTIN) == Values.BOOLEAN ? options.truthy(CONFIRM_OPTIN)
                : settings.confirmOptin;
        if (!confirm && !optinNoted) {
            optinNoted = true;
            out.note("confirmOptin false cannot apply in a browser");
        }
        int number = Values.NO_VALUE;
        if (options.kind(SMS_CONSENT) == Values.BOOLEAN && options.truthy(SMS_CONSENT) && phone != Values.NO_VALUE) {
            number = values.ofString(values.replace(PHONE_MARKS, values.text(phone), ""));
            if (!values.test(E164, number)) {
                number = Values.NO_VALUE;
                out.note("phone left out: not E.164");
            }
        }
        // The key: one subscription per list, email and SMS phone (another one when SMS is asked later).
        int[] key = new int[3];
        key[0] = list;
        key[1] = address;
        key[2] = number;
        out.subscribe(list, body(list, address, number), values.array(key, 3));
    }

    /**
     * The Create Client Subscription body: the email subscribed to marketing, and the phone to SMS when
     * it is a value, on the list.
     */
    private int body(int list, int email, int phone) {
        int subscribed = object(MARKETING, object(CONSENT, values.ofString("SUBSCRIBED")));
        int channels = object(EMAIL_ADDRESS, subscribed, SMS, phone == Values.NO_VALUE ? Values.NO_VALUE : subscribed);
        int profile = object(TYPE, values.ofString("profile"),
                ATTRIBUTES, object(EMAIL_ADDRESS, email, SUBSCRIPTIONS, channels, PHONE_NUMBER, phone));
        int attributes = object(CUSTOM_SOURCE, values.ofString(SOURCE), PROFILE, object(DATA, profile));
        int relationships = object(LIST, object(DATA, object(TYPE, values.ofString("list"), ID, list)));
        return object(DATA, object(TYPE, values.ofString("subscription"), ATTRIBUTES, attributes,
                RELATIONSHIPS, relationships));
    }

    /** A new object of body keys and their values, in pairs ({@link Values#NO_VALUE} leaves a key out). */
    private int object(int... entries) {
        int[] mapped = bodyKeys.values();
        for (int i = 0; i < entries.length; i += 2) {
            mapped[entries[i]] = entries[i + 1];
        }
        return bodyKeys.build(values, Values.NO_VALUE, 0, mapped);
    }
}
