package destination.klaviyo.core;

/**
 * group → the group's name becomes the profile's organisation, as the classic destination did: it
 * read {@code traits.name} exactly, so this does too.
 * https://developers.klaviyo.com/en/docs/javascript_api#identify
 */
final class Group {
    private final Values values;
    private final KeyList traitKeys;
    private final KeyList profileKeys;

    Group(Values values) {
        this.values = values;
        traitKeys = new KeyList(values, "=name");
        profileKeys = new KeyList(values, "$organization");
    }

    void send(Message message, Commands out) {
        Found traits = traitKeys.in(values, message.traits());
        int kind = traits.kind(0);
        if (!traits.truthy(0) || kind != Values.STRING && kind != Values.NUMBER) {
            out.skip("group has no name");
            return;
        }
        int[] profile = profileKeys.values();
        profile[0] = traits.value(0);
        out.send(values.command("identify", profileKeys.build(values, Values.NO_VALUE, 0, profile), Values.NO_VALUE));
    }
}
