package destination.klaviyo.browser;

/** {@link EngineSuite} in WebKitGTK's MiniBrowser (WebKit), through WebKitWebDriver. */
class WebKitEngineTest extends EngineSuite {
    WebKitEngineTest() {
        super("WebKit");
    }
}
