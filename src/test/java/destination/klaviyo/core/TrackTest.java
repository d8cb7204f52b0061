package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** track → ['track', event, properties]; group → ['identify', {$organization}]. */
class TrackTest {
    @Test
    void revenueStringsAreReadAsCurrency() {
        new Recorder()
                .track("{\"event\": \"a\", \"properties\": {\"revenue\": \"$12.50\"}}")
                .track("{\"event\": \"b\", \"properties\": {\"revenue\": \"1,200\"}}")
                .track("{\"event\": \"c\", \"properties\": {\"revenue\": \"-$3\"}}")
                .sent("""
                [["track", "a", {"$value": 12.5}], ["track", "b", {"$value": 1}], ["track", "c", {"$value": -3}]]""");
    }

    @Test
    void revenueThatIsZeroOrNotANumberStaysAsItIs() {
        new Recorder()
                .track("{\"event\": \"a\", \"properties\": {\"revenue\": 0}}")
                .track("{\"event\": \"b\", \"properties\": {\"revenue\": \"free\"}}")
                .track("{\"event\": \"c\", \"properties\": {\"revenue\": true}}")
                .sent("""
                [["track", "a", {"revenue": 0}], ["track", "b", {"revenue": "free"}], ["track", "c", {"revenue": true}]]""");
    }

    @Test
    void otherPropertiesPassThroughUnchanged() {
        new Recorder().track("""
                {"event": "Product Viewed", "properties": {"sku": "s1", "price": 9.99, "tags": ["a", "b"],
                 "nested": {"deep": [1, {"x": null}]}, "value": 3}}""")
                .sent("""
                [["track", "Product Viewed", {"sku": "s1", "price": 9.99, "tags": ["a", "b"],
                  "nested": {"deep": [1, {"x": null}]}, "value": 3}]]""");
    }

    @Test
    void aNumericEventNameBecomesItsString() {
        new Recorder().track("{\"event\": 404}").sent("[[\"track\", \"404\", {}]]");
    }

    @Test
    void anEventWithoutAUsableNameSendsNothing() {
        Recorder klaviyo = new Recorder()
                .track("{\"properties\": {\"a\": 1}}")
                .track("{\"event\": \"\"}")
                .track("{\"event\": {\"name\": \"x\"}}")
                .track("{\"event\": null}");
        klaviyo.sent("[]");
        assertEquals(List.of("track has no event name", "track has no event name", "track has no event name",
                "track has no event name"), klaviyo.skipped);
    }

    @Test
    void propertiesThatAreNotAnObjectGiveNoProperties() {
        new Recorder()
                .track("{\"event\": \"a\", \"properties\": [1, 2]}")
                .track("{\"event\": \"b\", \"properties\": \"text\"}")
                .track("{\"event\": \"c\", \"properties\": null}")
                .sent("[[\"track\", \"a\", {}], [\"track\", \"b\", {}], [\"track\", \"c\", {}]]");
    }

    @Test
    void groupWithoutANameSendsNothing() {
        Recorder klaviyo = new Recorder()
                .group("{\"groupId\": \"g\", \"traits\": {\"plan\": \"pro\"}}")
                .group("{\"groupId\": \"g\", \"traits\": {\"name\": \"\"}}")
                .group("{\"groupId\": \"g\", \"traits\": {\"name\": {\"first\": \"x\"}}}")
                .group("{\"groupId\": \"g\"}");
        klaviyo.sent("[]");
        assertEquals(4, klaviyo.skipped.size());
    }

    @Test
    void groupReadsTheNameExactlyAsTheClassicDid() {
        // The classic read group.traits().name: a key spelt otherwise is no name.
        Recorder klaviyo = new Recorder()
                .group("{\"groupId\": \"g\", \"traits\": {\"Name\": \"Initech\", \"employees\": 10}}")
                .group("{\"groupId\": \"g\", \"traits\": {\"Name\": \"Initech\", \"name\": \"Initrode\"}}");
        klaviyo.sent("[[\"identify\", {\"$organization\": \"Initrode\"}]]");
        assertEquals(List.of("group has no name"), klaviyo.skipped);
    }
}
