package destination.klaviyo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mapping's cases, from {@code src/test/resources/mapping-cases.json}: each a call as analytics.js
 * takes it, with the destination's settings, and the exact commands Klaviyo receives for it, in order
 * and key order included. core/MappingCasesTest runs every case through the core on the JVM,
 * browser/MappingCasesThroughAnalyticsNextTest through the compiled bundle in Analytics Next.
 *
 * <p>The file holds groups of cases on one subject ({@code topic}), each with the document its rules
 * follow ({@code see}). A case has a {@code name} (the behaviour, in words, unique in the file),
 * optional {@code settings} (merged over {@link #BASE_SETTINGS}), exactly one call ({@code identify}
 * with {@code userId} and {@code traits}, {@code track} with {@code event}, {@code properties} and
 * {@code userId}, or {@code group} with {@code groupId} and {@code traits}), and {@code klaviyo}, the
 * commands. The file is read strictly: an unknown field fails every test.
 */
public final class MappingCases {
    /** The settings every case starts from: the public key alone. */
    public static final String BASE_SETTINGS = "{\"apiKey\": \"hfWBjc\"}";

    private static final String FILE = "/mapping-cases.json";
    private static final Set<String> CALLS = Set.of("identify", "track", "group");
    private static final Map<String, Set<String>> MESSAGE_FIELDS = Map.of(
            "identify", Set.of("userId", "traits"),
            "track", Set.of("event", "properties", "userId"),
            "group", Set.of("groupId", "traits"));

    /**
     * One case. {@code message} is the call's fields as a map ({@code userId}, {@code traits}...), in
     * the plain model JsonText reads; {@code settings} is the destination's settings as JSON text.
     */
    public record Case(String topic, String see, String name, String settings, String call,
            Map<String, Object> message, List<Object> klaviyo) {
        /** The expected commands, each as compact JSON text, key order kept. */
        public List<String> commands() {
            return klaviyo.stream().map(JsonText::write).toList();
        }

        /** How a test of this case is reported: its group's topic, then its name, both from the fixture. */
        public String displayName() {
            return topic + ": " + name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private MappingCases() {
    }

    /** Every case of the file, in its order. */
    @SuppressWarnings("unchecked")
    public static List<Case> all() {
        Map<String, Object> file = JsonText.parseObject(text());
        known(file, Set.of("about", "groups"), "the file");
        List<Case> cases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Object g : (List<Object>) file.get("groups")) {
            Map<String, Object> group = (Map<String, Object>) g;
            known(group, Set.of("topic", "see", "cases"), "a group");
            String topic = (String) group.get("topic");
            String see = (String) group.get("see");
            for (Object c : (List<Object>) group.get("cases")) {
                Case read = read(topic, see, (Map<String, Object>) c);
                if (!names.add(read.name())) {
                    throw new IllegalArgumentException("two cases are named '" + read.name() + "'");
                }
                cases.add(read);
            }
        }
        return cases;
    }

    /** The distinct settings of the cases, in the order they first appear, as JSON text. */
    public static List<String> settings(List<Case> cases) {
        return cases.stream().map(Case::settings).distinct().toList();
    }

    @SuppressWarnings("unchecked")
    private static Case read(String topic, String see, Map<String, Object> c) {
        String name = (String) c.get("name");
        Set<String> fields = new HashSet<>(Set.of("name", "settings", "klaviyo"));
        fields.addAll(CALLS);
        known(c, fields, "case '" + name + "'");
        List<String> calls = c.keySet().stream().filter(CALLS::contains).toList();
        if (name == null || calls.size() != 1 || !(c.get("klaviyo") instanceof List)) {
            throw new IllegalArgumentException("a case needs a name, one call and klaviyo: " + JsonText.write(c));
        }
        String call = calls.get(0);
        Map<String, Object> message = (Map<String, Object>) c.get(call);
        known(message, MESSAGE_FIELDS.get(call), "the " + call + " of case '" + name + "'");
        Map<String, Object> settings = JsonText.parseObject(BASE_SETTINGS);
        if (c.get("settings") != null) {
            settings.putAll((Map<String, Object>) c.get("settings"));
        }
        return new Case(topic, see, name, JsonText.write(settings), call, message, (List<Object>) c.get("klaviyo"));
    }

    private static void known(Map<String, Object> object, Set<String> fields, String what) {
        for (String key : object.keySet()) {
            if (!fields.contains(key)) {
                throw new IllegalArgumentException(what + " has an unknown field '" + key + "'; it may have " + fields);
            }
        }
    }

    private static String text() {
        try (InputStream in = MappingCases.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
