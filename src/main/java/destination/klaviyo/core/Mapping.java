package destination.klaviyo.core;

/**
 * Translates analytics.js messages into Klaviyo commands: a message goes in, commands come out.
 * Messages are the raw analytics.js objects ({@code facade.obj}, or {@code ctx.event} in a plugin).
 * The rules follow Segment's classic Klaviyo destination and its facade; the seed's promises come on
 * top. https://segment.com/docs/connections/destinations/catalog/klaviyo/
 *
 * <p>One Mapping serves every destination of a page: it holds the key lists it registered with the
 * port, nothing of any message or setting.
 */
public final class Mapping {
    private final Values values;
    private final KeyList messageKeys;
    private final KeyList settingKeys;
    private final Identify identify;
    private final Track track;
    private final Group group;
    private final Subscription subscription;

    public Mapping(Values values) {
        this.values = values;
        messageKeys = new KeyList(values, Message.KEYS);
        settingKeys = new KeyList(values, Settings.KEYS);
        identify = new Identify(values);
        track = new Track(values);
        group = new Group(values);
        subscription = new Subscription(values);
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
            if (settings.subscribeInBrowser && settings.apiKey != null) {
                subscription.send(m, settings, identify.email, identify.phone, out);
            }
        }
    }

    /** group: the group's name becomes the profile's organisation. */
    public void group(int message, Commands out) {
        group.send(new Message(values, messageKeys, message), out);
    }

    /**
     * track: a Klaviyo event with the same name and properties; revenue becomes {@code $value}.
     * Order Completed and its aliases become an order and one Ordered Product per product.
     */
    public void track(int message, Commands out) {
        track.send(new Message(values, messageKeys, message), out);
    }
}
