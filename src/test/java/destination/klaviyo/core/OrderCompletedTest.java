package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Order Completed → the order, then one Ordered Product per product. */
class OrderCompletedTest {
    private static boolean matches(String name) {
        JavaValues values = new JavaValues();
        return values.test(OrderCompleted.NAME_PATTERN, values.hold(name));
    }

    @Test
    void namesMatchAsTheIntegrationFactoryRoutesThem() {
        for (String name : new String[] {"Order Completed", "order completed", "order_completed", "Completed Order",
                "completed_order", " Order Completed ", "_order_completed_", "OrderCompleted"}) {
            assertTrue(matches(name), name);
        }
        // Unlike the classic's pattern, both word orders are anchored: a refund is no order.
        for (String name : new String[] {"Completed Order Refunded", "Completed Order Now", "Order Completed Now",
                "Order  Completed", "Order Placed", "Checkout Completed",
                "order-completed", "", "Ordered Product", "Order Complete"}) {
            assertFalse(matches(name), name);
        }
    }

    @Test
    void theEventNameIsSentUnchanged() {
        new Recorder().track("{\"event\": \"order_completed\", \"properties\": {\"orderId\": \"o1\"}}")
                .sent("""
                [["track", "order_completed", {"$event_id": "o1", "Categories": [], "ItemNames": [], "Items": []}]]""");
    }

    @Test
    void aNumericOrderIdStaysANumberAndReadsAsJavaScriptWritesIt() {
        new Recorder().track("""
                {"event": "Order Completed", "properties": {"order_id": 1001, "revenue": 20,
                 "products": [{"product_id": 123, "price": 20}]}}""")
                .sent("""
                [["track", "Order Completed", {"$event_id": 1001, "$value": 20, "Categories": [], "ItemNames": [],
                  "Items": [{"id": 123, "Quantity": 1, "ItemPrice": 20, "RowTotal": 20, "Categories": []}]}],
                 ["track", "Ordered Product", {"$event_id": "1001_123", "$value": 20, "Quantity": 1,
                  "ProductCategories": [], "ProductID": 123}]]""");
    }

    @Test
    void theTotalIsTheValueWithoutRevenueAndCurrencyStringsAreRead() {
        new Recorder().track("""
                {"event": "Order Completed", "properties": {"order_id": "o", "total": "$30.00"}}""")
                .sent("""
                [["track", "Order Completed", {"$event_id": "o", "$value": 30, "total": "$30.00",
                  "Categories": [], "ItemNames": [], "Items": []}]]""");
    }

    @Test
    void productsThatAreNotObjectsAreSkipped() {
        new Recorder().track("""
                {"event": "Order Completed", "properties": {"order_id": "o",
                 "products": [null, "p1", 5, {"sku": "s1", "name": "A"}, [1]]}}""")
                .sent("""
                [["track", "Order Completed", {"$event_id": "o", "Categories": [], "ItemNames": ["A"],
                  "Items": [{"SKU": "s1", "Name": "A", "Quantity": 1, "Categories": []}]}],
                 ["track", "Ordered Product", {"$event_id": "o_s1", "Name": "A", "Quantity": 1, "SKU": "s1",
                  "ProductCategories": []}]]""");
    }

    @Test
    void productsThatAreNotAnArrayGiveNoItems() {
        new Recorder().track("""
                {"event": "Order Completed", "properties": {"order_id": "o", "products": {"sku": "s1"}}}""")
                .sent("""
                [["track", "Order Completed", {"$event_id": "o", "Categories": [], "ItemNames": [], "Items": []}]]""");
    }

    @Test
    void withoutAnOrderIdTheOrderedProductHasNoEventId() {
        new Recorder().track("""
                {"event": "Order Completed", "properties": {"products": [{"product_id": "p1", "quantity": 3}]}}""")
                .sent("""
                [["track", "Order Completed", {"Categories": [], "ItemNames": [], "Items": [{"id": "p1", "Quantity": 3, "Categories": []}]}],
                 ["track", "Ordered Product", {"Quantity": 3, "ProductID": "p1", "ProductCategories": []}]]""");
    }

    @Test
    void productUrlsAreFoundIgnoringCaseAndPunctuation() {
        new Recorder().track("""
                {"event": "Order Completed", "properties": {"order_id": "o", "products": [
                 {"id": "p", "product_url": "https://x/p", "ImageURL": "https://x/i.png", "brand": "B"}]}}""")
                .sent("""
                [["track", "Order Completed", {"$event_id": "o", "Categories": [], "ItemNames": [],
                  "Items": [{"id": "p", "Quantity": 1, "ProductURL": "https://x/p", "ImageURL": "https://x/i.png",
                             "brand": "B", "Categories": []}]}],
                 ["track", "Ordered Product", {"$event_id": "o_p", "Quantity": 1, "ProductURL": "https://x/p",
                  "ImageURL": "https://x/i.png", "ProductID": "p", "brand": "B", "ProductCategories": []}]]""");
    }

    @Test
    void twoVariantsOfOneProductKeepTheirOwnOrderedProductIds() {
        // Klaviyo keeps only the first event of a repeated $event_id: a later line that would repeat one
        // gets its SKU when that makes it unique, else its position in products.
        new Recorder().track("""
                {"event": "Order Completed", "properties": {"order_id": "o", "products": [
                 {"product_id": "p", "sku": "a"}, {"product_id": "p", "sku": "b"}, {"product_id": "p", "sku": "b"},
                 {"product_id": "p"}, {"sku": "a"}]}}""")
                .sent("""
                [["track", "Order Completed", {"$event_id": "o", "Categories": [], "ItemNames": [], "Items": [
                   {"id": "p", "SKU": "a", "Quantity": 1, "Categories": []}, {"id": "p", "SKU": "b", "Quantity": 1, "Categories": []},
                   {"id": "p", "SKU": "b", "Quantity": 1, "Categories": []}, {"id": "p", "Quantity": 1, "Categories": []},
                   {"SKU": "a", "Quantity": 1, "Categories": []}]}],
                 ["track", "Ordered Product", {"$event_id": "o_p", "Quantity": 1, "ProductCategories": [], "SKU": "a", "ProductID": "p"}],
                 ["track", "Ordered Product", {"$event_id": "o_p_b", "Quantity": 1, "ProductCategories": [], "SKU": "b", "ProductID": "p"}],
                 ["track", "Ordered Product", {"$event_id": "o_p_3", "Quantity": 1, "ProductCategories": [], "SKU": "b", "ProductID": "p"}],
                 ["track", "Ordered Product", {"$event_id": "o_p_4", "Quantity": 1, "ProductCategories": [], "ProductID": "p"}],
                 ["track", "Ordered Product", {"$event_id": "o_a", "Quantity": 1, "ProductCategories": [], "SKU": "a"}]]""");
    }

    @Test
    void aRetriedOrderGetsTheSameIds() {
        String order = """
                {"event": "Order Completed", "properties": {"order_id": 7, "products": [
                 {"product_id": 1, "sku": "a"}, {"product_id": 1, "sku": "b"}]}}""";
        Recorder first = new Recorder().track(order);
        Recorder again = new Recorder().track(order);
        org.junit.jupiter.api.Assertions.assertEquals(destination.klaviyo.JsonText.write(first.commands),
                destination.klaviyo.JsonText.write(again.commands));
        again.commands.subList(0, 1).clear();
        again.sent("""
                [["track", "Ordered Product", {"$event_id": "7_1", "Quantity": 1, "ProductCategories": [], "SKU": "a", "ProductID": 1}],
                 ["track", "Ordered Product", {"$event_id": "7_1_b", "Quantity": 1, "ProductCategories": [], "SKU": "b", "ProductID": 1}]]""");
    }
}
