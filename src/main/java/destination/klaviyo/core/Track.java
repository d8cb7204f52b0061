package destination.klaviyo.core;

/**
 * track → a Klaviyo event with the same name and properties; revenue becomes {@code $value}, as the
 * facade's {@code properties({revenue: '$value'})} made it: found ignoring case, read as currency, and
 * only the exact key revenue moves. https://developers.klaviyo.com/en/docs/javascript_api#track
 * Order Completed and its aliases go to {@link OrderCompleted}.
 */
final class Track {
    /**
     * track → a Klaviyo event with the same name and properties; revenue, read as currency, becomes
     * $value. https://developers.klaviyo.com/en/docs/javascript_api#track
     */
    static final String EVENT = """
            from properties
            $value  revenue:money  -=revenue
            rest
            """;

    private final Values values;
    private final Rules rules;
    private final OrderCompleted orderCompleted;

    Track(Values values, Rules rules) {
        this.values = values;
        this.rules = rules;
        orderCompleted = new OrderCompleted(values, rules);
    }

    void send(Message message, Commands out) {
        int name = message.event;
        if (name == Values.NO_VALUE) {
            out.skip("track has no event name");
            return;
        }
        if (values.test(OrderCompleted.NAME_PATTERN, name)) {
            orderCompleted.send(name, message.properties, out);
            return;
        }
        out.send(values.command("track", name, rules.trackEvent(rules.properties(message.properties), message.properties)));
    }
}
