package destination.klaviyo.core;

/**
 * The destination's settings, as Segment's CDN settings or {@code initialize()} give them. Only what
 * the browser needs is read: {@code privateKey}, {@code listId}, {@code confirmOptin},
 * {@code sendAnonymous} and {@code useSegmentSpec} apply to Segment's servers, and a private key must
 * never be read by, kept in, or sent from a browser.
 */
public final class Settings {
    /** Klaviyo's public API key (site id), or null when missing or empty. */
    public final String apiKey;
    /** Never send {@code $id}: the userId goes in a custom {@code id}, and only {@code $email} identifies. */
    public final boolean enforceEmail;
    /** Commands kept while Klaviyo's script loads; the oldest are dropped beyond it. */
    public final int queueLimit;
    /** Milliseconds to wait for Klaviyo's script to show a sign of life before giving up. */
    public final int loadTimeout;

    public Settings(String apiKey, boolean enforceEmail, int queueLimit, int loadTimeout) {
        this.apiKey = apiKey;
        this.enforceEmail = enforceEmail;
        this.queueLimit = queueLimit;
        this.loadTimeout = loadTimeout;
    }

    public static Settings read(Values values, int settings) {
        int key = values.get(settings, "apiKey");
        String apiKey = values.kind(key) == Values.STRING ? values.trim(values.string(key)) : "";
        return new Settings(
                apiKey.isEmpty() ? null : apiKey,
                values.truthy(values.get(settings, "enforceEmail")),
                count(values, values.get(settings, "queueLimit"), 1000),
                count(values, values.get(settings, "loadTimeout"), 10000));
    }

    private static int count(Values values, int value, int otherwise) {
        double n = values.kind(value) == Values.NUMBER ? values.parseFloat(values.string(value)) : -1;
        return n >= 0 && n <= 1e9 ? (int) n : otherwise;
    }
}
