package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * identify → ['identify', profile]: what needs more than the commands (why nothing was sent). The
 * renames and special properties are cases of src/test/resources/mapping-cases.json (MappingCasesTest).
 */
class IdentifyTest {
    @Test
    void enforceEmailWithoutAnEmailSendsNothing() {
        Recorder klaviyo = new Recorder(true).identify("{\"userId\": \"id\", \"traits\": {\"$exchange_id\": \"x\"}}");
        klaviyo.sent("[]");
        assertEquals(List.of("identify has no email (enforceEmail is on)"), klaviyo.skipped);
    }

    @Test
    void anEmptyOrNonStringUserIdIsNoUserId() {
        Recorder klaviyo = new Recorder()
                .identify("{\"userId\": \"\"}")
                .identify("{\"userId\": true}")
                .identify("{\"userId\": {\"id\": 1}}");
        klaviyo.sent("[]");
        assertEquals(3, klaviyo.skipped.size());
    }
}
