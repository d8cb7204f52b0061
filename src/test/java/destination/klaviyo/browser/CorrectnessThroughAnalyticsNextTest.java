package destination.klaviyo.browser;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static destination.klaviyo.browser.ShopEvents.SETTINGS;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The rules that keep what Klaviyo gets right by kind, through the bundle in Analytics Next, where
 * JSON cannot say the input (Infinity) or the case is too big for the fixture (300 products). The
 * other rules are cases of src/test/resources/mapping-cases.json, which
 * MappingCasesThroughAnalyticsNextTest runs here too.
 */
class CorrectnessThroughAnalyticsNextTest {
    @Test
    void aValueIsOnlyEverAFiniteNumber() {
        // Infinity itself, which JSON cannot say; revenue texts such as 'Infinity' are in mapping-cases.json.
        try (HostPage page = HostPage.analyticsNext(SETTINGS)) {
            page.whenReady("analytics.track('d', {revenue: Infinity});");
            page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"d\", {}]");
        }
    }

    @Test
    void anOrderOfManyProductsMapsEachOfThem() {
        // 300 products take more than the first kinds table holds: the port grows it mid-message.
        try (HostPage page = HostPage.analyticsNext(SETTINGS)) {
            page.whenReady("""
                    var products = [];
                    for (var i = 0; i < 300; i++) products.push({product_id: 'p' + i, price: i, category: 'c' + (i % 3)});
                    analytics.track('Order Completed', {order_id: 'o', products: products});""");
            var commands = page.awaitKlaviyoCommands(302);
            assertEquals(302, commands.size());
            var order = destination.klaviyo.JsonText.parseObject(commands.get(1).replaceFirst("^\\[\"track\",\"Order Completed\",", "")
                    .replaceFirst("\\]$", ""));
            assertEquals(300, ((java.util.List<?>) order.get("Items")).size());
            assertEquals(destination.klaviyo.JsonText.parse("{\"id\": \"p299\", \"Quantity\": 1, \"ItemPrice\": 299,"
                    + " \"RowTotal\": 299, \"Categories\": [\"c2\"]}"), ((java.util.List<?>) order.get("Items")).get(299));
            assertEquals(destination.klaviyo.JsonText.canonical("[\"track\", \"Ordered Product\", {\"$event_id\": \"o_p299\","
                    + " \"$value\": 299, \"Quantity\": 1, \"ProductCategories\": [\"c2\"], \"ProductID\": \"p299\"}]"),
                    destination.klaviyo.JsonText.canonical(commands.get(301)));
        }
    }
}
