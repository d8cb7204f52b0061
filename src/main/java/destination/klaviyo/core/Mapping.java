package destination.klaviyo.core;

/**
 * Translates analytics.js messages into Klaviyo commands: a message goes in, commands come out.
 * Messages are the raw analytics.js objects ({@code facade.obj}, or {@code ctx.event} in a plugin).
 * The rules follow Segment's classic Klaviyo destination and its facade; the seed's promises come on
 * top. https://segment.com/docs/connections/destinations/catalog/klaviyo/
 */
public final class Mapping {
    private final Values values;
    private final JsonCopy json;
    private final boolean enforceEmail;
    private final Commands out;

    public Mapping(Values values, boolean enforceEmail, Commands out) {
        this.values = values;
        this.json = new JsonCopy(values);
        this.enforceEmail = enforceEmail;
        this.out = out;
    }

    /** identify: a Klaviyo profile. https://developers.klaviyo.com/en/docs/javascript_api#identify */
    public void identify(int message) {
        int profile = Identify.profile(values, json, message, enforceEmail, out);
        if (profile != Values.NO_VALUE) {
            out.send(KlaviyoCommand.identify(values, profile));
        }
    }

    /** group: the group's name becomes the profile's organisation, as the classic destination did. */
    public void group(int message) {
        int name = Fields.of(values, values.get(message, "traits")).find(FacadeKeys.NAME);
        int kind = values.kind(name);
        if (!values.truthy(name) || kind != Values.STRING && kind != Values.NUMBER) {
            out.skip("group has no name");
            return;
        }
        int profile = values.newObject();
        values.put(profile, "$organization", name);
        out.send(KlaviyoCommand.identify(values, profile));
    }

    /**
     * track: a Klaviyo event with the same name and properties; revenue becomes {@code $value}.
     * Order Completed and its aliases become an order and one Ordered Product per product.
     */
    public void track(int message) {
        int event = values.get(message, "event");
        int kind = values.kind(event);
        String name = kind == Values.STRING || kind == Values.NUMBER ? values.string(event) : "";
        if (name.isEmpty()) {
            out.skip("track has no event name");
            return;
        }
        if (kind == Values.NUMBER) {
            event = values.ofString(name);
        }
        Fields properties = Fields.of(values, values.get(message, "properties"));
        if (values.test(OrderCompleted.NAME_PATTERN, name)) {
            new OrderCompleted(values, json, out).send(event, properties);
            return;
        }
        // The facade's properties({revenue: '$value'}): found ignoring case, and the key `revenue` moves.
        int revenue = Revenue.amount(values, properties.find(FacadeKeys.REVENUE));
        if (revenue != Values.NO_VALUE) {
            properties.remove("revenue");
        }
        int copy = json.copyRest(properties, values.newObject());
        if (revenue != Values.NO_VALUE) {
            values.put(copy, "$value", revenue);
        }
        out.send(KlaviyoCommand.track(values, event, copy));
    }
}
