package destination.klaviyo.core;

/**
 * The browser's {@link Identity} in JVM tests, as browser/TabIdentity answers: the tab's memory (kept
 * across the Mappings of its pages), else Klaviyo's answer, both set by the test. It counts the
 * questions, and those that reached Klaviyo.
 */
final class IdentityStandIn implements Identity {
    /** What the tab's sessionStorage holds: whether it sent an identify with an identifier. */
    boolean remembered;
    /** What Klaviyo's running script answers to isIdentified(). */
    boolean klaviyoIdentified;
    int asked;
    int klaviyoAsked;
    int memoryWrites;

    @Override
    public boolean identified() {
        asked++;
        if (remembered) {
            return true;
        }
        klaviyoAsked++;
        return klaviyoIdentified;
    }

    @Override
    public void remember(boolean sent) {
        memoryWrites++;
        remembered = sent;
    }
}
