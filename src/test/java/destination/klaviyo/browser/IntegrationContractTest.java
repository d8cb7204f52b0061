package destination.klaviyo.browser;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The analytics.js-integration contract, driven directly as the hosts drive it, for the orders of
 * calls the host pages cannot force.
 */
class IntegrationContractTest {
    @Test
    void aPageThatWaitsForInitializeStartsTheDestination() {
        // Analytics Next's LegacyDestination (plugins/ajs-destination/index.ts) may get the snippet's page
        // before the bundle has loaded: it then waits for the integration's 'initialize' event, which
        // must come from its one initialize() call, and only then invokes the page.
        try (HostPage page = HostPage.bare()) {
            page.run("""
                    var k = new KlaviyoIntegration({apiKey: 'hfWBjc'});
                    k.on('initialize', function () { k.invoke('page', {obj: {type: 'page'}}); });
                    k.once('ready', function () { window.klaviyoReady = true; });
                    k.initialize();""");
            page.waitUntil("window.klaviyoReady === true");
            page.assertKlaviyoCommands(ACCOUNT);
        }
    }

    @Test
    void initializingTwiceThenPagingLoadsKlaviyoOnce() {
        // analytics.js-core calls initialize() once; Analytics Next may call it again on the first page.
        try (HostPage page = HostPage.bare()) {
            page.run("""
                    var k = new KlaviyoIntegration({apiKey: 'hfWBjc'});
                    var initializeEvents = 0; k.on('initialize', function () { initializeEvents++; });
                    k.initialize(); k.initialize(); k.initialize();
                    k.invoke('page', {obj: {type: 'page'}}); k.invoke('page', {obj: {type: 'page'}});""");
            page.waitUntil("klaviyoStandIn.commands.length > 0");
            page.assertKlaviyoCommands(ACCOUNT);
            assertEquals(1, page.klaviyoScriptRequests().size());
            assertEquals("1", page.text("String(initializeEvents)"));
        }
    }
}
