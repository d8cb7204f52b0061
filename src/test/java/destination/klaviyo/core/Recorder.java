package destination.klaviyo.core;

import destination.klaviyo.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

/** Runs messages through the core's {@link Mapping} on the JVM and records what Klaviyo would get. */
final class Recorder implements Commands {
    final JavaValues values = new JavaValues();
    final List<Object> commands = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    private final Mapping mapping;

    Recorder() {
        this(false);
    }

    Recorder(boolean enforceEmail) {
        mapping = new Mapping(values, enforceEmail, this);
    }

    @Override
    public void send(int command) {
        commands.add(values.value(command));
    }

    @Override
    public void skip(String reason) {
        skipped.add(reason);
    }

    Recorder identify(String message) {
        return identify(Json.parse(message));
    }

    Recorder identify(Object message) {
        mapping.identify(values.hold(message));
        return this;
    }

    Recorder track(String message) {
        return track(Json.parse(message));
    }

    Recorder track(Object message) {
        mapping.track(values.hold(message));
        return this;
    }

    Recorder group(String message) {
        mapping.group(values.hold(Json.parse(message)));
        return this;
    }

    /**
     * Asserts the exact commands Klaviyo gets, given as a JSON array of commands. Objects compare
     * whatever their key order; the commands must also survive JSON (Json.write fails otherwise).
     */
    void sent(String expected) {
        String actual = Json.write(commands);
        assertEquals(Json.parse(expected), Json.parse(actual), () -> "Klaviyo got " + actual);
    }
}
