package destination.klaviyo.browser;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static destination.klaviyo.browser.ShopEvents.SETTINGS;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The rules that keep what Klaviyo gets right by kind, through the bundle in Analytics Next: $value is
 * a finite number, special properties come only from values that are there, a profile that names
 * nobody sends nothing, a null trait stays a trait, list-valued properties are lists, and every alias
 * of a consumed key goes. (The JVM's CorrectnessRulesTest holds the same rules for the core.)
 */
class CorrectnessThroughAnalyticsNextTest {
    @Test
    void aValueIsOnlyEverAFiniteNumber() {
        try (HostPage page = HostPage.analyticsNext(SETTINGS)) {
            page.whenReady("""
                    analytics.track('a', {revenue: 'Infinity'});
                    analytics.track('b', {revenue: '1e999'});
                    analytics.track('c', {revenue: '-Infinity'});
                    analytics.track('d', {revenue: Infinity});
                    analytics.track('e', {revenue: '12.5'});""");
            page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"a\", {\"revenue\": \"Infinity\"}]",
                    "[\"track\", \"b\", {\"revenue\": \"1e999\"}]", "[\"track\", \"c\", {\"revenue\": \"-Infinity\"}]",
                    "[\"track\", \"d\", {}]", "[\"track\", \"e\", {\"$value\": 12.5}]");
        }
    }

    @Test
    void aProfileThatNamesNobodySendsNothingAndANullTraitStaysATrait() {
        try (HostPage page = HostPage.analyticsNext(SETTINGS)) {
            page.whenReady("""
                    analytics.identify({exchangeId: null});
                    analytics.reset(); analytics.identify({id: null});
                    analytics.reset(); analytics.identify({id: false});
                    analytics.reset(); analytics.identify({id: {}});
                    analytics.reset(); analytics.identify({email: {address: 'a@b.co'}});
                    analytics.reset(); analytics.identify('u', {title: null, phone: null, exchangeId: null});""");
            // Each reset is a logout, which Klaviyo hears at once, before the identify calls made with it.
            String clear = MappingThroughAnalyticsNextTest.CLEAR_IDENTITY;
            page.assertKlaviyoCommands(ACCOUNT, clear, clear, clear, clear, clear,
                    "[\"identify\", {\"$id\": \"u\", \"title\": null, \"phone\": null, \"exchangeId\": null}]");
        }
    }

    @Test
    void categoriesAreListsAndEveryAliasOfAConsumedKeyGoes() {
        try (HostPage page = HostPage.analyticsNext(SETTINGS)) {
            page.whenReady("""
                    analytics.track('Order Completed', {order_id: 'o', products: [
                      {product_id: 'a', productId: 'a2', category: null},
                      {product_id: 'b', category: 'C'}]});""");
            page.assertKlaviyoCommands(ACCOUNT, """
                    ["track", "Order Completed", {"$event_id": "o", "Categories": ["C"], "ItemNames": [], "Items": [
                      {"id": "a", "Quantity": 1, "Categories": []}, {"id": "b", "Quantity": 1, "Categories": ["C"]}]}]""",
                    """
                    ["track", "Ordered Product", {"$event_id": "o_a", "ProductID": "a", "Quantity": 1, "ProductCategories": []}]""",
                    """
                    ["track", "Ordered Product", {"$event_id": "o_b", "ProductID": "b", "Quantity": 1,
                      "ProductCategories": ["C"]}]""");
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
