package destination.klaviyo.core;

/**
 * The browser's {@link Identity} in JVM tests: the tab's memory (kept across the Mappings of its
 * pages) and Klaviyo's answer, both set by the test. It counts the reads of the memory, the questions
 * to Klaviyo, and the writes.
 */
final class IdentityStandIn implements Identity {
    /** What the tab's sessionStorage holds: whether it sent an identify with an identifier. */
    boolean remembered;
    /** What Klaviyo's running script answers to isIdentified(). */
    boolean klaviyoIdentified;
    /** Reads of the tab's memory. */
    int asked;
    int klaviyoAsked;
    int memoryWrites;
    /** Called each time the page asks Klaviyo's script (the browser records it as ['isIdentified']). */
    Runnable onKlaviyoAsked = () -> { };

    @Override
    public boolean remembered() {
        asked++;
        return remembered;
    }

    @Override
    public boolean klaviyoSaysIdentified() {
        klaviyoAsked++;
        onKlaviyoAsked.run();
        return klaviyoIdentified;
    }

    @Override
    public void remember(boolean sent) {
        memoryWrites++;
        remembered = sent;
    }
}
