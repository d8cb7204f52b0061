package destination.klaviyo.browser;

/** {@link EngineSuite} in Chromium (Blink), through ChromeDriver. */
class ChromiumEngineTest extends EngineSuite {
    ChromiumEngineTest() {
        super("Chromium");
    }
}
