package destination.klaviyo.core;

/**
 * An analytics.js message's own fields, read exactly as Segment's spec names them, in one step.
 * https://segment.com/docs/connections/spec/common/
 */
final class Message {
    /** The fields, in the order the constructor reads them. */
    static final String KEYS = "=userId =event =properties =traits =integrations =timestamp";

    /**
     * The userId when it can identify someone: a non-empty string, or a finite number as JavaScript
     * writes it (Klaviyo's {@code $id} is a string); else {@link Values#NO_VALUE}.
     */
    final int userId;
    /** The event name: a non-empty string, or a number as JavaScript writes it; else {@link Values#NO_VALUE}. */
    final int event;
    final int properties;
    final int traits;
    /** The call's per-destination options: {@code identify(id, traits, {integrations: {Klaviyo: {...}}})}. */
    final int integrations;
    /** When the call was made: analytics.js stamps each message with a Date. */
    final int timestamp;

    Message(Values values, KeyList keys, int message) {
        Found fields = keys.in(values, message);
        userId = asString(values, fields.next());
        event = asString(values, fields.next());
        properties = fields.next().value();
        traits = fields.next().value();
        integrations = fields.next().value();
        timestamp = fields.next().value();
    }

    private static int asString(Values values, Found field) {
        int value = field.identifier();
        return value != Values.NO_VALUE && field.kind() == Values.NUMBER ? values.ofString(values.text(value)) : value;
    }
}
