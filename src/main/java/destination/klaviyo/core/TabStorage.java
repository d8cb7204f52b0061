package destination.klaviyo.core;

/**
 * What this browser tab keeps across its page loads (sessionStorage, or memory for the page where
 * storage throws or is absent), for what a destination remembers, such as the shopper's cart. Keys
 * are string handles: the core joins them through the port, so no string is concatenated in Java.
 */
public interface TabStorage {
    /** The value stored under the key (a string handle), parsed from JSON; {@link Values#NO_VALUE} when there is none. */
    int read(int key);

    /** Stores a value the port built (plain JSON) under the key; {@link Values#NO_VALUE} removes it. */
    void write(int key, int value);
}
