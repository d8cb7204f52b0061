package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * track → ['track', event, properties]; group → ['identify', {$organization}]: what needs more than the
 * commands (why nothing was sent), or cannot pass through Analytics Next (a numeric event name). The
 * rest are cases of src/test/resources/mapping-cases.json (MappingCasesTest).
 */
class TrackTest {
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
