package destination.klaviyo.core;

/**
 * When the browser makes a list subscription ({@link Subscription}) and what it remembers of it: the
 * mark in localStorage, which answers of Klaviyo's client API are tried again, and how long to wait.
 * src/main/js/subscriptions.js carries these decisions out (the request, its timers, the storage).
 * https://developers.klaviyo.com/en/docs/rate_limits_and_error_handling
 *
 * <p>A mark's stored value is {@link #MADE} once Klaviyo accepted the subscription, else the time
 * (milliseconds since 1970) it was last sent, written before the request: no other page or tab of the
 * browser sends it while it is {@linkplain #PENDING_MILLIS pending}. A refusal (a 4xx) and a failure
 * after the last attempt are remembered for the page only: the next page's identify tries again.
 */
public final class SubscriptionPolicy {
    /** The stored value of a subscription Klaviyo accepted (the first release's mark, too). */
    public static final int MADE = 1;
    /**
     * How long a pending mark keeps others from sending the same subscription: a day. A mark stays
     * pending when its page closed before the answer, the very case keepalive is for, and then the
     * request almost always reached Klaviyo: sent again, a double opt-in list would mail a second
     * confirmation. A day also outlasts every attempt of a live page (three requests, waits of at most
     * a minute each). After it, the next identify sends again, in case that last request was lost.
     */
    public static final double PENDING_MILLIS = 24 * 60 * 60 * 1000;
    /** What {@link #next} says: Klaviyo accepted it; remember it in this browser. */
    public static final double DONE = -1;
    /** Refused (a 4xx): the same request would be refused again; not sent again on this page. */
    public static final double REFUSED = -2;
    /**
     * Failed for now (a 5xx, the network, after every attempt): given up on this page, so that a page
     * that identifies on each route does not keep calling a failing API; the next page may try again.
     */
    public static final double FAILED = -3;
    /** Attempts in all: the first and two more. */
    static final int ATTEMPTS = 3;
    /** The longest Retry-After waited for; a longer one gives up. */
    static final double MAX_RETRY_AFTER = 60000;

    private SubscriptionPolicy() {
    }

    /**
     * Whether to send a subscription whose mark holds {@code stored} ({@link #MADE}, the time it was
     * sent, or 0 for nothing or anything else), and that this page's Klaviyo refused or not, at
     * {@code now}. A pending time more than {@link #PENDING_MILLIS} ahead of now (written before the
     * clock was set back) counts as stale, as one that old does: no mark blocks for ever.
     */
    public static boolean mayStart(double stored, boolean refused, double now) {
        return !refused && stored != MADE && !(Math.abs(now - stored) < PENDING_MILLIS);
    }

    /**
     * {@link #mayStart(double, boolean, double)}, and never while this page makes the same
     * subscription ({@code underWay}): whatever storage says, which may have failed to keep the mark.
     */
    public static boolean mayStart(double stored, boolean refused, boolean underWay, double now) {
        return !underWay && mayStart(stored, refused, now);
    }

    /**
     * What to do after attempt {@code attempt} (0 the first) got {@code status} (0: a network error,
     * or no fetch): wait this many milliseconds and try again, or {@link #DONE}, {@link #REFUSED},
     * {@link #FAILED}.
     *
     * <p>A 429, a 5xx and a network error may pass, so they are tried again, twice. Each wait is random
     * around its step, 1 s then 4 s (0.5 to 1.5 s, then 2 to 6 s), so that browsers that met
     * the same outage do not come back together. The answer's {@code Retry-After}, in milliseconds
     * from now (NaN without one), is waited at least; when it is longer than a minute, the attempts
     * stop. What is still a 4xx after them is refused; the rest has failed. {@code random} is the
     * page's Math.random(), in [0, 1); a page that replaces it changes only its own waits, never the
     * number of attempts.
     */
    public static double next(int attempt, int status, double retryAfter, double random) {
        if (status >= 200 && status < 300) {
            return DONE;
        }
        double giveUp = status >= 400 && status < 500 ? REFUSED : FAILED;
        if (status != 0 && status != 429 && (status < 500 || status > 599) || attempt >= ATTEMPTS - 1
                || retryAfter > MAX_RETRY_AFTER) {
            return giveUp;
        }
        // Half the step, or the Retry-After when longer, and a random part of two halves.
        double half = 500 << 2 * attempt;
        return (retryAfter > half ? retryAfter : half) + random * 2 * half;
    }
}
