package destination.klaviyo.core;

/**
 * When a logout (Analytics Next's {@code reset}) runs among the messages: after every call the site
 * made before {@code analytics.reset()}, before every call made after it. Analytics Next emits
 * {@code reset} at once but delivers the calls made just before it later, so the logout waits for
 * them. Which side of the reset a message was made on, its identity says: a reset gives the calls
 * after it a new anonymousId (and no userId), and the calls before it carry the previous one; a timer
 * or a timestamp could not tell (calls in one tick share a millisecond).
 *
 * <p>The logout runs at the first of: the calls made before the reset are through the host (the
 * shell counts them, {@link #callsBeforeThrough}); a message made after it arrives (the logout goes
 * first). A message made before the reset that the host delivers after the logout ran (Analytics
 * Next's classic destinations hold calls back until the destination is ready) is mapped as the person,
 * and the logout runs again after it: the person's call reaches Klaviyo, and the next visitor does
 * not go on as them.
 *
 * <p>A host without a reset event (analytics.js-core 4.x, whose {@code reset()} only logs its user
 * out) shows the reset in the messages: a message without a userId (in it, or the host's user's) and
 * with another anonymousId than the message before it, which had one, was made after a reset
 * ({@link #withoutResetEvent}).
 * The logout then goes before it; with no call after the reset, nothing tells, and none runs.
 */
public final class LogoutOrder {
    /** What {@link #message} says: map the message. */
    public static final int MAP = 0;
    /** Log out, then map the message. */
    public static final int LOG_OUT_FIRST = 1;
    /** Map the message, then log out again. */
    public static final int LOG_OUT_AFTER = 2;

    /** A reset was heard whose logout waits for the calls made before it. */
    private boolean owed;
    /** A reset told the calls after it apart, and none made after it has arrived yet. */
    private boolean late;
    /** The last message had a userId (for {@link #withoutResetEvent}). */
    private boolean identified;

    /**
     * A reset: {@code callsBeforeUnderWay}, calls made before it are still on their way through the
     * host; {@code tellsApart}, the host gave the calls after it an anonymousId to tell them by. True:
     * log out now.
     */
    public boolean reset(boolean callsBeforeUnderWay, boolean tellsApart) {
        late = tellsApart;
        owed = callsBeforeUnderWay && tellsApart;
        return !owed;
    }

    /** The calls made before the reset are through the host. True: log out now. */
    public boolean callsBeforeThrough() {
        boolean now = owed;
        owed = false;
        return now;
    }

    /**
     * A message, before the host has emitted a reset: {@code hasUserId}, it has one (its own, or,
     * where its anonymousId changed, the host's user's); {@code anonymousIdChanged}, its anonymousId
     * and the one of the message before it are strings, and differ. {@link #LOG_OUT_FIRST} when it
     * shows a reset before it, else {@link #MAP}. A message without a userId of its own and with the
     * same anonymousId as the one before is the same visitor: it keeps what the last one said.
     */
    public int withoutResetEvent(boolean hasUserId, boolean anonymousIdChanged) {
        boolean reset = identified && !hasUserId && anonymousIdChanged;
        identified = hasUserId || identified && !anonymousIdChanged;
        return reset ? LOG_OUT_FIRST : MAP;
    }

    /**
     * A message, made after the last reset ({@code madeAfter}: it has the anonymousId the reset gave),
     * or before it ({@code madeBefore}: the anonymousId of the calls before it): {@link #MAP},
     * {@link #LOG_OUT_FIRST} or {@link #LOG_OUT_AFTER}.
     */
    public int message(boolean madeAfter, boolean madeBefore) {
        if (madeAfter) {
            // From here on, the host delivers nothing made before the reset.
            late = false;
            if (owed) {
                owed = false;
                return LOG_OUT_FIRST;
            }
        } else if (madeBefore && late && !owed) {
            return LOG_OUT_AFTER;
        }
        return MAP;
    }
}
