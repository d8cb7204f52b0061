package destination.klaviyo.core;

/** Where the mapping puts its output: Klaviyo commands, or the reason a message sends nothing. */
public interface Commands {
    /** A command for Klaviyo's queue, an array such as {@code ['track', name, properties]}. */
    void send(int command);

    /** The message sends Klaviyo nothing, for this reason. */
    void skip(String reason);

    /**
     * A subscription to a Klaviyo list through its client API (see {@link Subscription}): the list id,
     * a string; the request's body, plain JSON, to send as it is; and its key, a JSON array of the
     * values that make it one subscription, by which the browser makes it once ({@link SubscriptionPolicy}).
     */
    void subscribe(int list, int body, int key);

    /** A decision worth a line in the debug log. */
    void note(String note);
}
