package destination.klaviyo.core;

/**
 * What the browser can tell of who the visitor is (browser/TabIdentity, src/main/js/identity.js):
 * the tab's memory of an identify it sent, and what Klaviyo's running script answers. It reads and
 * writes; {@link TrackByEmail} decides what the answers mean.
 */
public interface Identity {
    /** Whether the tab's memory (sessionStorage, across its pages) holds an identify sent with an identifier. */
    boolean remembered();

    /**
     * Whether Klaviyo's running script answers {@code true} to isIdentified(): false before it runs, or
     * for any other answer. https://developers.klaviyo.com/en/docs/javascript_api
     */
    boolean klaviyoSaysIdentified();

    /** Writes the tab's memory: it sent an identify with an identifier; false forgets it. */
    void remember(boolean sent);
}
