package destination.klaviyo.core;

/**
 * track → a Klaviyo event with the same name and properties; revenue becomes {@code $value}.
 * https://developers.klaviyo.com/en/docs/javascript_api#track
 * Order Completed and its aliases go to {@link OrderCompleted}.
 */
final class Track {
    // The facade's properties({revenue: '$value'}): revenue found ignoring case; only the exact key moves.
    private static final String PROPERTIES = "=revenue revenue";
    private static final int REVENUE_KEY = 0;
    private static final int REVENUE = 1;

    private final Values values;
    private final KeyList propertyKeys;
    private final KeyList eventKeys;
    private final OrderCompleted orderCompleted;

    Track(Values values) {
        this.values = values;
        propertyKeys = new KeyList(values, PROPERTIES);
        eventKeys = new KeyList(values, "$value");
        orderCompleted = new OrderCompleted(values);
    }

    void send(Message message, Commands out) {
        int event = message.event();
        if (event == Values.NO_VALUE) {
            out.skip("track has no event name");
            return;
        }
        if (values.test(OrderCompleted.NAME_PATTERN, event)) {
            orderCompleted.send(event, message.properties(), out);
            return;
        }
        Found properties = propertyKeys.in(values, message.properties());
        int[] mapped = eventKeys.values();
        mapped[0] = Revenue.amount(values, properties, REVENUE);
        int consumed = mapped[0] != Values.NO_VALUE ? KeyList.bit(REVENUE_KEY) : 0;
        out.send(values.command("track", event, eventKeys.build(values, properties.record(), consumed, mapped)));
    }
}
