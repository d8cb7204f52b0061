package destination.klaviyo.core;

import destination.klaviyo.JsonText;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs messages through the core's {@link Mapping} on the JVM and records what Klaviyo would get.
 * Each message's handles are released after it, as the browser's shell does, and the port calls it
 * made are kept in {@link #lastCalls}.
 */
final class Recorder implements Commands {
    final JavaValues values;
    final List<Object> commands = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    /** The browser tab: its memory of an identify sent, and Klaviyo's answer to isIdentified(). */
    final IdentityStandIn tab;
    /** The tab's sessionStorage: the remembered cart. */
    final TabStorageStandIn storage;
    /** Each subscription asked for, as [list, email, phone or null]. */
    final List<Object> subscriptions = new ArrayList<>();
    /** The request body of each subscription asked for (JSON), in the same order. */
    final List<Object> bodies = new ArrayList<>();
    /** The key of each subscription asked for (JSON), in the same order. */
    final List<Object> keys = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    private final Mapping mapping;
    private final Settings settings;
    /** The port calls the last message made. */
    int lastCalls;

    Recorder() {
        this(false);
    }

    Recorder(boolean enforceEmail) {
        this("{\"apiKey\": \"hfWBjc\", \"enforceEmail\": " + enforceEmail + "}");
    }

    Recorder(String settingsJson) {
        this(new JavaValues(), settingsJson, new IdentityStandIn());
    }

    Recorder(JavaValues values, String settingsJson) {
        this(values, settingsJson, new IdentityStandIn());
    }

    /** A page of a tab that may have seen other pages: its identity memory is {@code tab}. */
    Recorder(String settingsJson, IdentityStandIn tab) {
        this(new JavaValues(), settingsJson, tab);
    }

    Recorder(JavaValues values, String settingsJson, IdentityStandIn tab) {
        this(values, settingsJson, tab, new TabStorageStandIn());
    }

    /** A page of a tab whose sessionStorage is {@code storage}. */
    Recorder(String settingsJson, TabStorageStandIn storage) {
        this(new JavaValues(), settingsJson, new IdentityStandIn(), storage);
    }

    Recorder(JavaValues values, String settingsJson, IdentityStandIn tab, TabStorageStandIn storage) {
        this.values = values;
        this.tab = tab;
        this.storage = storage.on(values);
        mapping = new Mapping(values, tab, storage);
        settings = mapping.settings(values.hold(JsonText.parse(settingsJson)));
    }

    @Override
    public void send(int command) {
        commands.add(values.value(command));
    }

    @Override
    public void skip(String reason) {
        skipped.add(reason);
    }

    @Override
    public void subscribe(int list, int body, int key) {
        keys.add(values.value(key));
        Object json = values.value(body);
        bodies.add(json);
        // [list, email, phone or null], as the body has them.
        Map<?, ?> profile = (Map<?, ?>) at(json, "data", "attributes", "profile", "data", "attributes");
        List<Object> subscription = new ArrayList<>();
        subscription.add(at(json, "data", "relationships", "list", "data", "id"));
        subscription.add(profile.get("email"));
        subscription.add(profile.get("phone_number"));
        subscriptions.add(subscription);
    }

    private static Object at(Object json, String... path) {
        for (String key : path) {
            json = ((Map<?, ?>) json).get(key);
        }
        return json;
    }

    @Override
    public void note(String note) {
        notes.add(note);
    }

    Recorder identify(String message) {
        return identify(JsonText.parse(message));
    }

    Recorder identify(Object message) {
        return run(message, handle -> mapping.identify(handle, settings, this));
    }

    Recorder track(String message) {
        return track(JsonText.parse(message));
    }

    Recorder track(Object message) {
        return run(message, handle -> mapping.track(handle, settings, this));
    }

    Recorder group(String message) {
        return group(JsonText.parse(message));
    }

    Recorder group(Object message) {
        return run(message, handle -> mapping.group(handle, this));
    }

    /** What a logout does: the page and the tab forget who the visitor is. */
    Recorder forget() {
        mapping.forget(settings);
        return this;
    }

    private Recorder run(Object message, java.util.function.IntConsumer map) {
        int mark = values.top();
        int calls = values.calls;
        try {
            map.accept(values.hold(message));
        } finally {
            lastCalls = values.calls - calls;
            values.release(mark);
        }
        return this;
    }

    /**
     * Asserts the exact commands Klaviyo gets, given as a JSON array of commands. Objects compare
     * whatever their key order; the commands must also survive JSON (JsonText.write fails otherwise).
     */
    void sent(String expected) {
        String actual = JsonText.write(commands);
        assertEquals(JsonText.parse(expected), JsonText.parse(actual), () -> "Klaviyo got " + actual);
    }

    /** Asserts the exact subscriptions asked for, as a JSON array of [list, email, phone]. */
    void subscribed(String expected) {
        String actual = JsonText.write(subscriptions);
        assertEquals(JsonText.parse(expected), JsonText.parse(actual), () -> "subscriptions: " + actual);
    }
}
