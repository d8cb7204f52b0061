package destination.klaviyo.core;

/**
 * group → the group's name becomes the profile's organisation, as the classic destination did: it
 * read {@code traits.name} exactly, so this does too, when it is a non-empty string or a number but 0.
 * https://developers.klaviyo.com/en/docs/javascript_api#identify
 */
final class Group {
    /**
     * group → the group's name becomes the profile's organisation, read exactly as the classic
     * destination read it. https://developers.klaviyo.com/en/docs/javascript_api#identify
     */
    static final String ORGANIZATION = """
            from traits
            $organization  =name:known
            require $organization
            """;

    private final Values values;
    private final Rules rules;

    Group(Values values, Rules rules) {
        this.values = values;
        this.rules = rules;
    }

    void send(Message message, Commands out) {
        int profile = rules.groupOrganization(rules.traits(message.traits), message.traits);
        if (profile == Values.NO_VALUE) {
            out.skip("group has no name");
            return;
        }
        out.send(values.command("identify", profile, Values.NO_VALUE));
    }
}
