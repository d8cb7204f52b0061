package destination.klaviyo.core;

import destination.klaviyo.JsonText;
import destination.klaviyo.MappingCases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of {@code mapping-cases.json} through the core on the JVM, each on a fresh page (a new
 * Mapping, a tab that remembers nothing, a Klaviyo that knows nobody): exactly the commands the case
 * lists, in order, key order included. The page's question to Klaviyo's script (isIdentified, which
 * the browser's Klaviyo receives as a command) is counted among them where it is asked.
 * browser/MappingCasesThroughAnalyticsNextTest runs the same cases through the bundle.
 */
class MappingCasesTest {
    @TestFactory
    Stream<DynamicNode> everyCaseSendsExactlyItsCommands() {
        Map<String, List<MappingCases.Case>> byTopic = new LinkedHashMap<>();
        for (MappingCases.Case c : MappingCases.all()) {
            byTopic.computeIfAbsent(c.topic(), topic -> new java.util.ArrayList<>()).add(c);
        }
        return byTopic.entrySet().stream().map(topic -> DynamicContainer.dynamicContainer(topic.getKey(),
                topic.getValue().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)))));
    }

    private static void run(MappingCases.Case c) {
        Recorder klaviyo = new Recorder(c.settings());
        klaviyo.tab.onKlaviyoAsked = () -> klaviyo.commands.add(List.of("isIdentified"));
        switch (c.call()) {
            case "identify" -> klaviyo.identify(c.message());
            case "track" -> klaviyo.track(c.message());
            case "group" -> klaviyo.group(c.message());
            default -> throw new IllegalArgumentException(c.call());
        }
        List<String> sent = klaviyo.commands.stream().map(JsonText::write).toList();
        assertEquals(c.commands(), sent, () -> c.displayName() + ": " + c.call() + " " + JsonText.write(c.message())
                + " with " + c.settings());
    }
}
