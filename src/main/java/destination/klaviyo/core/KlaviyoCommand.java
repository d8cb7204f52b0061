package destination.klaviyo.core;

/**
 * The commands of Klaviyo's onsite queue, {@code window._learnq}:
 * https://developers.klaviyo.com/en/docs/introduction_to_the_klaviyo_object
 */
final class KlaviyoCommand {
    private KlaviyoCommand() {
    }

    /** {@code ['identify', profile]}. */
    static int identify(Values values, int profile) {
        int command = values.newArray();
        values.push(command, values.ofString("identify"));
        values.push(command, profile);
        return command;
    }

    /** {@code ['track', event, properties]}. */
    static int track(Values values, int event, int properties) {
        int command = values.newArray();
        values.push(command, values.ofString("track"));
        values.push(command, event);
        values.push(command, properties);
        return command;
    }
}
