package destination.klaviyo.core;

/**
 * An analytics.js message's own fields, read exactly as Segment's spec names them, in one step.
 * https://segment.com/docs/connections/spec/common/
 */
final class Message {
    /** The fields read. */
    static final String KEYS = Field.KEYS;

    /** The fields read, and the entry of each, by its name. */
    private interface Field {
        String KEYS = "=userId =event =properties =traits =integrations =timestamp";
        int USER_ID = 0;
        int EVENT = 1;
        int PROPERTIES = 2;
        int TRAITS = 3;
        int INTEGRATIONS = 4;
        int TIMESTAMP = 5;
    }

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
        userId = asString(values, fields, Field.USER_ID);
        event = asString(values, fields, Field.EVENT);
        properties = fields.value(Field.PROPERTIES);
        traits = fields.value(Field.TRAITS);
        integrations = fields.value(Field.INTEGRATIONS);
        timestamp = fields.value(Field.TIMESTAMP);
    }

    private static int asString(Values values, Found fields, int field) {
        int value = fields.identifier(field);
        return value != Values.NO_VALUE && fields.kind(field) == Values.NUMBER ? values.ofString(values.text(value)) : value;
    }
}
