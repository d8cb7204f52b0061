package destination.klaviyo.core;

/**
 * What Segment's documentation of the destination promises for track, with the setting trackByEmail:
 * "we'll also provide the Klaviyo $email customer_property if your userId is an email, or you provide
 * email as one of your event properties".
 * In the browser Klaviyo keys an event to whoever the browser is identified as, and holds back the
 * events of a browser it does not know, so the email goes in an identify sent before the track:
 * <ul>
 *   <li>a userId that is an email: the identify that identify(userId) would send, unless the last
 *       identify sent on this page carried that email;</li>
 *   <li>{@code properties.email}, only while the browser is not identified, since the visitor may be
 *       naming someone else ("Invited Friend"): {@code ['identify', {$email}]}.</li>
 * </ul>
 * The track itself is unchanged. https://developers.klaviyo.com/en/docs/javascript_api#identify
 *
 * <p>Who the visitor is, as far as this destination knows, is kept here and only here: the page's
 * memory in fields (one TrackByEmail per page), the tab's through {@link Identity}. {@link #forget}
 * clears both.
 */
final class TrackByEmail {
    // What the page knows of the browser.
    private static final int ANONYMOUS = 0;
    /** Klaviyo, or the tab's memory of an earlier page, says it is identified. */
    private static final int IDENTIFIED = 1;
    /** This page sent an identify with an identifier, and the tab remembers it. */
    private static final int SENT = 2;

    private final Values values;
    private final Identity identity;
    private final Identify identify;
    /** The facade's properties.email: found ignoring case and punctuation. */
    private final KeyList propertyKeys;
    /** The $email of the last identify sent on this page; null when it had none. */
    private String lastEmail;
    private int browser;

    TrackByEmail(Values values, Identity identity, Identify identify) {
        this.values = values;
        this.identity = identity;
        this.identify = identify;
        propertyKeys = new KeyList(values, "email");
    }

    /** An identify with an identifier was sent, with this $email ({@link Values#NO_VALUE}: none). */
    void identified(int email) {
        remember(email == Values.NO_VALUE ? null : values.text(email));
    }

    /** Before a track that sends something: the identify that keys it to the person, when one is due. */
    void before(Message message, boolean enforceEmail, Commands out) {
        int userId = message.userId;
        if (userId != Values.NO_VALUE && values.test(Identify.EMAIL_PATTERN, userId)) {
            send(userId, userId, enforceEmail, out);
        } else if (browser == ANONYMOUS) {
            int email = propertyKeys.in(values, message.properties).value(Found.ONLY);
            // Asked last, and only about an email address: the question may go to Klaviyo's script.
            if (email != Values.NO_VALUE && values.test(Identify.EMAIL_PATTERN, email)) {
                if (identified()) {
                    browser = IDENTIFIED;
                } else {
                    send(email, Values.NO_VALUE, false, out);
                }
            }
        }
    }

    /**
     * Whether the browser is identified to Klaviyo, as far as the page can tell: this tab sent an
     * identify with an identifier (on this page or an earlier one), or else Klaviyo's running script
     * says so. The tab's memory is asked first: Klaviyo's answer costs a command to its script, and
     * before the script runs there is none.
     */
    private boolean identified() {
        return identity.remembered() || identity.klaviyoSaysIdentified();
    }

    /** Forgets who the visitor is, on this page and in this tab (a logout). */
    void forget() {
        lastEmail = null;
        browser = ANONYMOUS;
        identity.remember(false);
    }

    private void send(int email, int userId, boolean enforceEmail, Commands out) {
        String text = values.text(email);
        if (!text.equals(lastEmail)) {
            out.send(values.command("identify", identify.ofEmail(email, userId, enforceEmail), Values.NO_VALUE));
            remember(text);
        }
    }

    private void remember(String email) {
        lastEmail = email;
        if (browser != SENT) {
            browser = SENT;
            identity.remember(true);
        }
    }
}
