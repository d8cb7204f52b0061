package destination.klaviyo.core;

/**
 * group → the group's name becomes the profile's organisation, as the classic destination did: it
 * read {@code traits.name} exactly, so this does too, when it is a non-empty string or a number but 0.
 * https://developers.klaviyo.com/en/docs/javascript_api#identify
 */
final class Group {
    static final String ORGANIZATION = """
            $organization  =name:known
            require $organization
            """;

    private final Values values;
    private final Declaration organization;

    Group(Values values) {
        this.values = values;
        Vocabulary traits = new Vocabulary();
        organization = new Declaration(values, traits, ORGANIZATION);
        traits.seal(values);
    }

    void send(Message message, Commands out) {
        int profile = organization.make(message.traits);
        if (profile == Values.NO_VALUE) {
            out.skip("group has no name");
            return;
        }
        out.send(values.command("identify", profile, Values.NO_VALUE));
    }
}
