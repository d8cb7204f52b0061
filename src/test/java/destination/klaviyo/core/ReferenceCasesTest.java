package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The classic destination's own test cases (the reference's section 5) that need more than the
 * commands: the rest are cases of src/test/resources/mapping-cases.json (core/MappingCasesTest).
 */
class ReferenceCasesTest {
    @Test
    void identifyWithoutAnyIdentifierSendsNothing() {
        Recorder klaviyo = new Recorder().identify("{\"traits\": {\"trait\": true}}");
        klaviyo.sent("[]");
        assertEquals(1, klaviyo.skipped.size());
    }
}
