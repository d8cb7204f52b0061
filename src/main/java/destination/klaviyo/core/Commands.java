package destination.klaviyo.core;

/** Where the mapping puts its output: Klaviyo commands, or the reason a message sends nothing. */
public interface Commands {
    /** A command for Klaviyo's queue, an array such as {@code ['track', name, properties]}. */
    void send(int command);

    /** The message sends Klaviyo nothing, for this reason. */
    void skip(String reason);
}
