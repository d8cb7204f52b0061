package destination.klaviyo.core;

/**
 * What this browser tab keeps across its page loads (sessionStorage, or memory for the page where
 * storage throws or is absent), for what a destination remembers, such as the shopper's cart.
 */
public interface TabStorage {
    /** The value stored under key, parsed from JSON, as a handle; {@link Values#NO_VALUE} when there is none. */
    int read(String key);

    /** Stores a value the port built (plain JSON) under key. */
    void write(String key, int value);
}
