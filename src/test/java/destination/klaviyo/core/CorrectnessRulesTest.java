package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep what Klaviyo gets right by kind: a profile that names nobody is skipped, each
 * for its reason. The other rules ($value is a finite number, special properties come only from values
 * that are there, identifiers are non-empty strings or finite numbers, a null trait stays a trait,
 * list-valued properties are lists, every alias of a consumed key goes) are cases of
 * src/test/resources/mapping-cases.json (MappingCasesTest).
 */
class CorrectnessRulesTest {
    @Test
    void aProfileThatNamesNobodySendsNothing() {
        Recorder klaviyo = new Recorder();
        for (String traits : List.of("{\"exchangeId\": null}", "{\"id\": null}", "{\"id\": false}", "{\"id\": {}}",
                "{\"id\": \"\"}", "{\"email\": {\"a\": 1}}", "{\"email\": null, \"exchangeId\": []}",
                "{\"$exchange_id\": true}")) {
            klaviyo.identify("{\"traits\": " + traits + "}");
        }
        klaviyo.sent("[]");
        assertEquals(8, klaviyo.skipped.size());
    }
}
