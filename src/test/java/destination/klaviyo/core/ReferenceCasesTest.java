package destination.klaviyo.core;

import destination.klaviyo.JsonText;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The classic destination's own test cases (the reference's section 5), through the core on the JVM. */
class ReferenceCasesTest {
    static final String ORDER = """
            "order_id": "50314b8e9bcf000000000000", "total": 30, "shipping": 3, "tax": 2,
            "discount": 2.5, "coupon": "hasbros", "currency": "USD\"""";
    static final String PRODUCT_A = """
            "sku": "45790-32", "name": "Monopoly: 3rd Edition", "price": 19, "quantity": 1, "category": "Games",
            "productUrl": "http://www.example.com/path/to/product",
            "imageUrl": "http://www.example.com/path/to/product/image.png\"""";
    static final String PRODUCT_B = """
            "product_id": "505bd76785ebb509fc183733", "sku": "46493-32", "name": "Suh dude", "price": 17.38,
            "quantity": 2, "category": "Interwebs\"""";
    static final String ITEM_A = """
            {"id": "507f1f77bcf86cd799439011", "SKU": "45790-32", "Name": "Monopoly: 3rd Edition", "Quantity": 1,
             "ItemPrice": 19, "RowTotal": 19, "ProductURL": "http://www.example.com/path/to/product",
             "ImageURL": "http://www.example.com/path/to/product/image.png", "Categories": ["Games"]}""";
    static final String ITEM_B = """
            {"id": "505bd76785ebb509fc183733", "SKU": "46493-32", "Name": "Suh dude", "Quantity": 2,
             "ItemPrice": 17.38, "RowTotal": 17.38, "Categories": ["Interwebs"]}""";
    static final String ORDERED_A = """
            ["track", "Ordered Product", {"$event_id": "50314b8e9bcf000000000000_507f1f77bcf86cd799439011",
              "$value": 19, "Name": "Monopoly: 3rd Edition", "Quantity": 1, "ProductCategories": ["Games"],
              "ProductURL": "http://www.example.com/path/to/product",
              "ImageURL": "http://www.example.com/path/to/product/image.png", "SKU": "45790-32",
              "ProductID": "507f1f77bcf86cd799439011"}]""";
    static final String ORDERED_B = """
            ["track", "Ordered Product", {"$event_id": "50314b8e9bcf000000000000_505bd76785ebb509fc183733",
              "$value": 17.38, "Name": "Suh dude", "Quantity": 2, "ProductCategories": ["Interwebs"],
              "SKU": "46493-32", "ProductID": "505bd76785ebb509fc183733"}]""";

    @Test
    void identifyWithOnlyAUserIdSendsId() {
        new Recorder().identify("{\"userId\": \"id\"}").sent("[[\"identify\", {\"$id\": \"id\"}]]");
    }

    @Test
    void identifyWithoutAnyIdentifierSendsNothing() {
        Recorder klaviyo = new Recorder().identify("{\"traits\": {\"trait\": true}}");
        klaviyo.sent("[]");
        assertEquals(1, klaviyo.skipped.size());
    }

    @Test
    void identifySendsIdEmailAndOtherTraits() {
        new Recorder().identify("""
                {"userId": "horseRadish", "traits": {"email": "horses@horses.com", "foo": true}}""")
                .sent("""
                [["identify", {"$id": "horseRadish", "$email": "horses@horses.com", "foo": true}]]""");
    }

    @Test
    void identifyWithAnExchangeIdAloneIsSent() {
        new Recorder().identify("""
                {"traits": {"$exchange_id": "exchange-id", "foo": true}}""")
                .sent("""
                [["identify", {"$exchange_id": "exchange-id", "foo": true}]]""");
    }

    @Test
    void identifyRenamesTheFacadeAliases() {
        new Recorder().identify("""
                {"userId": "id", "traits": {"email": "name@example.com", "firstName": "first",
                 "lastName": "last", "phone": "phone", "title": "title"}}""")
                .sent("""
                [["identify", {"$id": "id", "$email": "name@example.com", "$first_name": "first",
                  "$last_name": "last", "$phone_number": "phone", "$title": "title"}]]""");
    }

    @Test
    void groupWithANameSendsTheOrganization() {
        new Recorder().group("{\"groupId\": \"id\", \"traits\": {\"name\": \"name\"}}")
                .sent("[[\"identify\", {\"$organization\": \"name\"}]]");
    }

    @Test
    void trackSendsTheEventAndItsProperties() {
        new Recorder()
                .track("{\"event\": \"event\"}")
                .track("{\"event\": \"event\", \"properties\": {\"property\": true}}")
                .track("{\"event\": \"event\", \"properties\": {\"revenue\": 90}}")
                .sent("""
                [["track", "event", {}], ["track", "event", {"property": true}], ["track", "event", {"$value": 90}]]""");
    }

    @Test
    void completedOrderSendsTheOrderThenOneOrderedProductPerProduct() {
        new Recorder().track("{\"event\": \"Completed Order\", \"properties\": {" + ORDER + ", \"revenue\": 25,"
                + " \"products\": [{\"product_id\": \"507f1f77bcf86cd799439011\", " + PRODUCT_A + "}, {"
                + PRODUCT_B + "}]}}")
                .sent("[[\"track\", \"Completed Order\", {\"$event_id\": \"50314b8e9bcf000000000000\", \"$value\": 25,"
                        + " \"Categories\": [\"Games\", \"Interwebs\"], \"ItemNames\": [\"Monopoly: 3rd Edition\", \"Suh dude\"],"
                        + " \"total\": 30, \"shipping\": 3, \"tax\": 2, \"discount\": 2.5, \"coupon\": \"hasbros\","
                        + " \"currency\": \"USD\", \"Items\": [" + ITEM_A + ", " + ITEM_B + "]}], "
                        + ORDERED_A + ", " + ORDERED_B + "]");
    }

    @Test
    void aProductIdGivenAsIdIsTheSame() {
        Recorder klaviyo = new Recorder().track("{\"event\": \"Completed Order\", \"properties\": {" + ORDER
                + ", \"revenue\": 25, \"products\": [{\"id\": \"507f1f77bcf86cd799439011\", " + PRODUCT_A + "}]}}");
        assertEquals(JsonText.parse(ORDERED_A), JsonText.parse(JsonText.write(klaviyo.commands.get(1))));
    }

    @Test
    void withoutAProductIdTheSkuCompletesTheEventId() {
        Recorder klaviyo = new Recorder().track("{\"event\": \"Completed Order\", \"properties\": {" + ORDER
                + ", \"revenue\": 25, \"products\": [{" + PRODUCT_A + "}]}}");
        assertEquals(JsonText.parse("""
                ["track", "Ordered Product", {"$event_id": "50314b8e9bcf000000000000_45790-32",
                  "$value": 19, "Name": "Monopoly: 3rd Edition", "Quantity": 1, "ProductCategories": ["Games"],
                  "ProductURL": "http://www.example.com/path/to/product",
                  "ImageURL": "http://www.example.com/path/to/product/image.png", "SKU": "45790-32"}]"""),
                JsonText.parse(JsonText.write(klaviyo.commands.get(1))));
    }

    @Test
    void customPropertiesPassAtTheOrderAndItemLevels() {
        new Recorder().track("{\"event\": \"Completed Order\", \"properties\": {" + ORDER
                + ", \"letMePass\": \"hi\", \"customProp\": true, \"products\": ["
                + "{\"product_id\": \"507f1f77bcf86cd799439011\", " + PRODUCT_A
                + ", \"customItemProp\": \"glenncoco\", \"friday\": \"is here\"},"
                + " {" + PRODUCT_B + ", \"pikachu\": \"pika\"}]}}")
                .sent("[[\"track\", \"Completed Order\", {\"$event_id\": \"50314b8e9bcf000000000000\", \"$value\": 30,"
                        + " \"Categories\": [\"Games\", \"Interwebs\"], \"ItemNames\": [\"Monopoly: 3rd Edition\", \"Suh dude\"],"
                        + " \"total\": 30, \"shipping\": 3, \"tax\": 2, \"discount\": 2.5, \"coupon\": \"hasbros\","
                        + " \"currency\": \"USD\", \"letMePass\": \"hi\", \"customProp\": true, \"Items\": ["
                        + ITEM_A.replace("}", ", \"customItemProp\": \"glenncoco\", \"friday\": \"is here\"}") + ", "
                        + ITEM_B.replace("}", ", \"pikachu\": \"pika\"}") + "]}], "
                        + ORDERED_A.replace("}]", ", \"customItemProp\": \"glenncoco\", \"friday\": \"is here\"}]") + ", "
                        + ORDERED_B.replace("}]", ", \"pikachu\": \"pika\"}]") + "]");
    }
}
