package destination.klaviyo.browser;

/** {@link EngineSuite} in Firefox ESR (Gecko), through WebDriver BiDi. */
class FirefoxEngineTest extends EngineSuite {
    FirefoxEngineTest() {
        super("Firefox");
    }
}
