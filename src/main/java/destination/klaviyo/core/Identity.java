package destination.klaviyo.core;

/**
 * Whether this browser is identified to Klaviyo, as far as the page can tell (browser/TabIdentity):
 * this tab's memory of an identify it sent, and what Klaviyo's running script says.
 */
public interface Identity {
    /**
     * Whether this tab sent an identify with an identifier (on this page or an earlier one), or else
     * Klaviyo's script runs and says this browser is identified. Before Klaviyo's script runs, only the
     * tab's memory answers.
     */
    boolean identified();

    /** Remembers for this tab that it sent an identify with an identifier; false forgets it. */
    void remember(boolean sent);
}
