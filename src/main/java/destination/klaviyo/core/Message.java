package destination.klaviyo.core;

/**
 * An analytics.js message's own fields, read exactly as Segment's spec names them, in one step.
 * https://segment.com/docs/connections/spec/common/
 */
final class Message {
    static final String KEYS = "=userId =event =properties =traits =integrations";
    private static final int USER_ID = 0;
    private static final int EVENT = 1;
    private static final int PROPERTIES = 2;
    private static final int TRAITS = 3;
    private static final int INTEGRATIONS = 4;

    private final Values values;
    private final Found fields;

    Message(Values values, KeyList keys, int message) {
        this.values = values;
        fields = keys.in(values, message);
    }

    /**
     * The userId when it can identify someone: a non-empty string, or a finite number as JavaScript
     * writes it (Klaviyo's {@code $id} is a string); else {@link Values#NO_VALUE}.
     */
    int userId() {
        return asString(fields.identifier(USER_ID), fields.kind(USER_ID));
    }

    /** The event name: a non-empty string, or a number as JavaScript writes it; else {@link Values#NO_VALUE}. */
    int event() {
        return asString(fields.identifier(EVENT), fields.kind(EVENT));
    }

    int properties() {
        return fields.value(PROPERTIES);
    }

    int traits() {
        return fields.value(TRAITS);
    }

    /** The call's per-destination options: {@code identify(id, traits, {integrations: {Klaviyo: {...}}})}. */
    int integrations() {
        return fields.value(INTEGRATIONS);
    }

    private int asString(int value, int kind) {
        return value != Values.NO_VALUE && kind == Values.NUMBER ? values.ofString(values.text(value)) : value;
    }
}
