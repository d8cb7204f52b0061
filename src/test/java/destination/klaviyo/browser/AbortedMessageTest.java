package destination.klaviyo.browser;

import static destination.klaviyo.browser.PageProbes.startDestination;
import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import destination.klaviyo.JsonText;

import org.junit.jupiter.api.Test;

/**
 * A page can cut a message short anywhere by calling the destination with almost no stack left: the
 * call throws nothing into the page, keeps none of the message's values, and the next message maps
 * as if nothing had happened, even when the very first message of the page was the one cut short.
 */
class AbortedMessageTest {
    /**
     * Calls invoke at every stack depth from the deepest the page allows up to 400 frames less, so
     * that the stack runs out at every point of the destination's work; records how many calls
     * returned and how many of the page's own frames saw an exception.
     */
    private static final String NEAR_THE_LIMIT = """
            window.nearTheLimit = function (message) {
              function limit(n) { try { return limit(n + 1); } catch (e) { return n; } }
              function deep(n) { if (n > 0) return deep(n - 1); k.invoke('track', {obj: message}); return 'returned'; }
              var max = limit(0), outcomes = {returned: 0, thrown: 0};
              for (var d = max; d > max - 400; d--) {
                try { outcomes[deep(d)]++; } catch (e) { outcomes.thrown++; }
              }
              return outcomes;
            };
            """;
    private static final String READY = "klaviyoEvents.some(function (e) { return e[0] == 'ready'; })";
    private static final String EMPTY_TABLE = "KlaviyoIntegration._values.every(function (v) { return v === undefined; })";
    private static final String ORDER = "{event: 'Order Completed', properties: {order_id: 'o', revenue: 5,"
            + " products: [{product_id: 'p', name: 'N', price: 5, category: 'C', extra: {deep: [1, {x: 2}]}}]}}";

    @Test
    void messagesCutShortAtEveryDepthLeaveNoValueBehindAndTheNextMapsCorrectly() {
        try (HostPage page = HostPage.bare()) {
            startDestination(page, "{apiKey: 'hfWBjc'}");
            page.waitUntil(READY);
            page.run(NEAR_THE_LIMIT);
            // The first messages of this destination are the ones cut short.
            page.run("window.outcomes = nearTheLimit(" + ORDER + ");");
            assertTrue(page.check("outcomes.thrown > 0"), "the stack ran out in the page's own frames too: "
                    + page.text("JSON.stringify(outcomes)"));
            assertTrue(page.check(EMPTY_TABLE), "values left in the table: " + page.text("KlaviyoIntegration._values.length"));
            int before = page.klaviyoCommands().size();
            int errors = page.klaviyoErrors().size();
            page.run("k.invoke('track', {obj: " + ORDER + "});");
            var commands = page.awaitKlaviyoCommands(before + 2);
            assertEquals(JsonText.canonical("""
                    ["track", "Order Completed", {"$event_id": "o", "$value": 5, "Categories": ["C"], "ItemNames": ["N"],
                      "Items": [{"id": "p", "Name": "N", "Quantity": 1, "ItemPrice": 5, "RowTotal": 5, "Categories": ["C"],
                                 "extra": {"deep": [1, {"x": 2}]}}]}]"""), JsonText.canonical(commands.get(before)));
            assertEquals(JsonText.canonical("""
                    ["track", "Ordered Product", {"$event_id": "o_p", "$value": 5, "Name": "N", "Quantity": 1,
                      "ProductCategories": ["C"], "ProductID": "p", "extra": {"deep": [1, {"x": 2}]}}]"""),
                    JsonText.canonical(commands.get(before + 1)));
            assertTrue(page.check(EMPTY_TABLE));
            assertEquals(JsonText.canonical(ACCOUNT), JsonText.canonical(commands.get(0)));
            // Klaviyo's stand-in, called near the limit too, may have failed on its own: not since.
            assertEquals(errors, page.klaviyoErrors().size());
        }
    }
}
