package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Order Completed → the order, then one Ordered Product per product: which event names count, and that
 * a retried order gets the same ids. What an order sends is in the cases of
 * src/test/resources/mapping-cases.json (MappingCasesTest).
 */
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
