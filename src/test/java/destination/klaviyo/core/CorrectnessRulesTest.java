package destination.klaviyo.core;

import destination.klaviyo.JsonText;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep what Klaviyo gets right by kind: $value is a finite number, special properties
 * come only from values that are there, identifiers are non-empty strings or finite numbers, a null
 * trait stays a trait, list-valued properties are lists, and every alias of a consumed key goes.
 */
class CorrectnessRulesTest {
    @Test
    void aValueIsOnlyEverAFiniteNumber() {
        Recorder klaviyo = new Recorder();
        for (String revenue : List.of("\"Infinity\"", "\"-Infinity\"", "\"1e999\"", "\"$Infinity\"")) {
            klaviyo.track("{\"event\": \"e\", \"properties\": {\"revenue\": " + revenue + "}}");
        }
        klaviyo.track("{\"event\": \"Order Completed\", \"properties\": {\"order_id\": \"o\", \"revenue\": \"1e999\"}}");
        klaviyo.sent("""
                [["track", "e", {"revenue": "Infinity"}], ["track", "e", {"revenue": "-Infinity"}],
                 ["track", "e", {"revenue": "1e999"}], ["track", "e", {"revenue": "$Infinity"}],
                 ["track", "Order Completed", {"$event_id": "o", "Categories": [], "ItemNames": [], "Items": []}]]""");
    }

    @Test
    void aProfileThatNamesNobodySendsNothing() {
        Recorder klaviyo = new Recorder();
        for (String traits : List.of("{\"exchangeId\": null}", "{\"id\": null}", "{\"id\": false}", "{\"id\": {}}",
                "{\"id\": \"\"}", "{\"email\": {\"a\": 1}}", "{\"email\": null, \"exchangeId\": []}",
                "{\"$exchange_id\": true}")) {
            klaviyo.identify("{\"traits\": " + traits + "}");
        }
        klaviyo.sent("[]");
        assertEquals(8, klaviyo.skipped.size());
    }

    @Test
    void identifiersAreNonEmptyStringsOrFiniteNumbers() {
        new Recorder()
                .identify("{\"traits\": {\"id\": 0, \"exchangeId\": {\"x\": 1}}}")
                .identify("{\"traits\": {\"exchangeId\": 7, \"email\": \"\"}}")
                .sent("""
                [["identify", {"$id": 0, "exchangeId": {"x": 1}}],
                 ["identify", {"$exchange_id": 7, "email": ""}]]""");
    }

    @Test
    void aNullTraitStaysATraitAndMovesNowhere() {
        new Recorder()
                .identify("{\"userId\": \"u\", \"traits\": {\"title\": null, \"phone\": null, \"firstName\": null,"
                        + " \"exchangeId\": null}}")
                .sent("""
                [["identify", {"$id": "u", "title": null, "phone": null, "firstName": null, "exchangeId": null}]]""");
    }

    @Test
    void categoriesAreAlwaysListsWithoutMissingOrNullEntries() {
        new Recorder().track("""
                {"event": "Order Completed", "properties": {"order_id": "o", "products": [
                  {"product_id": "a", "category": null, "name": null},
                  {"product_id": "b"},
                  {"product_id": "c", "category": "C", "name": "N"}]}}""")
                .sent("""
                [["track", "Order Completed", {"$event_id": "o", "Categories": ["C"], "ItemNames": ["N"], "Items": [
                   {"id": "a", "Quantity": 1, "Categories": []},
                   {"id": "b", "Quantity": 1, "Categories": []},
                   {"id": "c", "Name": "N", "Quantity": 1, "Categories": ["C"]}]}],
                 ["track", "Ordered Product", {"$event_id": "o_a", "ProductID": "a", "Quantity": 1, "ProductCategories": []}],
                 ["track", "Ordered Product", {"$event_id": "o_b", "ProductID": "b", "Quantity": 1, "ProductCategories": []}],
                 ["track", "Ordered Product", {"$event_id": "o_c", "ProductID": "c", "Name": "N", "Quantity": 1,
                   "ProductCategories": ["C"]}]]""");
    }

    @Test
    void everyAliasOfAConsumedKeyIsConsumed() {
        new Recorder().track("""
                {"event": "Order Completed", "properties": {"order_id": "o", "orderId": "o2", "Revenue": 5, "revenue": 6,
                 "products": [{"product_id": "p", "productId": "p2", "SKU": "s", "sku": "s2", "extra": 1}]}}""")
                .sent("""
                [["track", "Order Completed", {"$event_id": "o", "$value": 5, "Categories": [], "ItemNames": [],
                   "Items": [{"id": "p", "SKU": "s", "Quantity": 1, "Categories": [], "extra": 1}]}],
                 ["track", "Ordered Product", {"$event_id": "o_p", "ProductID": "p", "SKU": "s", "Quantity": 1,
                   "ProductCategories": [], "extra": 1}]]""");
    }

    @Test
    void anOrdersOwnIdStaysInItsPropertiesAsInTheClassic() {
        new Recorder().track("{\"event\": \"Order Completed\", \"properties\": {\"id\": \"o\", \"total\": 3}}")
                .sent("""
                [["track", "Order Completed", {"id": "o", "total": 3, "$event_id": "o", "$value": 3, "Categories": [],
                  "ItemNames": [], "Items": []}]]""");
    }

    @Test
    void theRulesHoldForWhatIsFoundIgnoringCase() {
        // A special property read through an alias obeys the same rules as its plain key.
        new Recorder().identify("{\"userId\": \"u\", \"traits\": {\"Title\": null, \"EMAIL\": false}}")
                .sent("[[\"identify\", {\"$id\": \"u\", \"Title\": null, \"EMAIL\": false}]]");
        Object message = JsonText.parse("{\"traits\": {\"Exchange_Id\": \"\"}}");
        Recorder klaviyo = new Recorder().identify(message);
        klaviyo.sent("[]");
    }
}
