package destination.klaviyo.core;

/**
 * Translates analytics.js messages into Klaviyo commands: a message goes in, commands come out.
 * Messages are the raw analytics.js objects ({@code facade.obj}, or {@code ctx.event} in a plugin).
 * The rules follow Segment's classic Klaviyo destination and its facade; what Segment's documentation
 * of the destination promises comes on top. https://segment.com/docs/connections/destinations/catalog/klaviyo/
 *
 * <p>Each destination has its own Mapping: the rules compiled from their declarations ({@code Rules},
 * docs/rules.md) with the key lists they registered with the port, and what the page knows of who the
 * visitor is ({@link TrackByEmail}); nothing of any message or setting.
 */
public final class Mapping {
    private final Values values;
    private final KeyList messageKeys;
    private final KeyList settingKeys;
    private final Identify identify;
    private final Track track;
    private final Group group;
    private final TrackByEmail trackByEmail;
    private final Subscription subscription;
    private final EcommerceMetrics ecommerce;

    /**
     * {@code identity}: what the browser remembers of, and Klaviyo says about, who the visitor is;
     * {@code tab}: what the tab keeps across page loads (the cart of the ecommerce metrics).
     */
    public Mapping(Values values, Identity identity, TabStorage tab) {
        this.values = values;
        messageKeys = new KeyList(values, Message.KEYS);
        settingKeys = new KeyList(values, Settings.KEYS);
        Rules rules = new Rules(values);
        identify = new Identify(rules);
        track = new Track(values, rules);
        group = new Group(values, rules);
        trackByEmail = new TrackByEmail(values, identity, identify);
        subscription = new Subscription(values);
        ecommerce = new EcommerceMetrics(values, rules, tab);
    }

    /** The destination's settings, as Segment's CDN, {@code initialize()} or {@code plugin()} give them. */
    public Settings settings(int settings) {
        return Settings.read(values, settingKeys.in(values, settings));
    }

    /**
     * identify: a Klaviyo profile (https://developers.klaviyo.com/en/docs/javascript_api#identify),
     * and with {@code subscribeInBrowser}, a list subscription.
     */
    public void identify(int message, Settings settings, Commands out) {
        Message m = new Message(values, messageKeys, message);
        int profile = identify.profile(m, settings.enforceEmail, out);
        if (profile != Values.NO_VALUE) {
            out.send(values.command("identify", profile, Values.NO_VALUE));
            if (settings.trackByEmail) {
                trackByEmail.identified(identify.email());
            }
            if (settings.subscribeInBrowser && settings.apiKey != null) {
                subscription.send(m, settings, identify.email(), identify.phone(), out);
            }
        }
    }

    /** group: the group's name becomes the profile's organisation. */
    public void group(int message, Commands out) {
        group.send(new Message(values, messageKeys, message), out);
    }

    /**
     * track: a Klaviyo event with the same name and properties; revenue becomes {@code $value}.
     * Order Completed and its aliases become an order and one Ordered Product per product. With
     * klaviyoEcommerceMetrics, Segment's ecommerce events become Klaviyo's metrics
     * ({@link EcommerceMetrics}). With trackByEmail, an identify may come first ({@link TrackByEmail}).
     */
    public void track(int message, Settings settings, Commands out) {
        Message m = new Message(values, messageKeys, message);
        if (settings.trackByEmail && m.event != Values.NO_VALUE) {
            trackByEmail.before(m, settings.enforceEmail, out);
        }
        if (!settings.ecommerceMetrics || m.event == Values.NO_VALUE || !ecommerce.send(m, settings, out)) {
            track.send(m, out);
        }
    }

    /**
     * Forgets who the visitor is, on this page and in this tab, and the cart they filled: what a
     * logout needs.
     */
    public void forget(Settings settings) {
        trackByEmail.forget();
        if (settings.ecommerceMetrics) {
            ecommerce.forget(settings);
        }
    }
}
