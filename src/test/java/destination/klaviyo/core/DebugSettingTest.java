package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DebugSettingTest {
    private static final String NAMESPACE = "analytics:Klaviyo";

    @Test
    void wildcardsAndExactNamesTurnLoggingOn() {
        for (String setting : new String[] {"analytics:*", "analytics:Klaviyo", "*", "foo, analytics:*", "a:b analytics:K*"}) {
            assertTrue(DebugSetting.enables(setting, NAMESPACE), setting);
        }
    }

    @Test
    void otherNamesExclusionsAndNothingLeaveItOff() {
        for (String setting : new String[] {null, "", "analytics", "analytics:Segment.io", "analytics:*,-analytics:Klaviyo",
                "-analytics:*", "analytics:klaviyo"}) {
            assertFalse(DebugSetting.enables(setting, NAMESPACE), String.valueOf(setting));
        }
    }
}
