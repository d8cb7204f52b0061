package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import destination.klaviyo.JsonText;
import org.junit.jupiter.api.Test;

/** Segment's ecommerce events → Klaviyo's standard metrics, with the setting klaviyoEcommerceMetrics. */
class EcommerceMetricsTest {
    static final String ON = "{\"apiKey\": \"hfWBjc\", \"klaviyoEcommerceMetrics\": true}";
    static final String MUG = """
            "product_id": "p1", "sku": "s1", "name": "Mug", "brand": "Acme", "variant": "blue",
             "category": "Kitchen", "price": "$12.50", "quantity": 2, "url": "https://x/p1",
             "image_url": "https://x/p1.png", "compare_at_price": 15""";

    private static Recorder on() {
        return new Recorder(ON, new TabStorageStandIn());
    }

    @Test
    void productViewedIsViewedProductThenARecentlyViewedItem() {
        on().track("{\"event\": \"Product Viewed\", \"properties\": {" + MUG + ", \"revenue\": 3, \"list\": \"home\"}}")
                .sent("""
                [["track", "Viewed Product", {"ProductName": "Mug", "ProductID": "p1", "SKU": "s1",
                  "Categories": ["Kitchen"], "ImageURL": "https://x/p1.png", "URL": "https://x/p1", "Brand": "Acme",
                  "Price": 12.5, "CompareAtPrice": 15, "$value": 3, "variant": "blue", "quantity": 2, "list": "home"}],
                 ["trackViewedItem", {"Title": "Mug", "ItemId": "p1", "Categories": ["Kitchen"],
                  "ImageUrl": "https://x/p1.png", "Url": "https://x/p1",
                  "Metadata": {"Brand": "Acme", "Price": 12.5, "CompareAtPrice": 15}}]]""");
    }

    @Test
    void aProductWithoutAnIdOrANameIsNoRecentlyViewedItem() {
        on().track("{\"event\": \"viewed_product\", \"properties\": {\"id\": 7, \"productUrl\": \"https://x/7\"}}")
                .sent("""
                [["track", "Viewed Product", {"ProductID": 7, "URL": "https://x/7", "Categories": []}]]""");
    }

    @Test
    void namesMatchInEitherWordOrderIgnoringCaseSpacesAndUnderscores() {
        for (String name : new String[] {"Product Viewed", "Viewed Product", "product_viewed", "PRODUCTVIEWED",
                " viewed_product "}) {
            Recorder klaviyo = on().track("{\"event\": \"" + name + "\", \"properties\": {\"sku\": \"s\"}}");
            assertEquals("Viewed Product", ((java.util.List<?>) klaviyo.commands.get(0)).get(1), name);
        }
        for (String name : new String[] {"Product  Viewed", "Product Viewed Twice", "Viewed Products", "Product-Viewed"}) {
            on().track("{\"event\": \"" + name + "\", \"properties\": {}}")
                    .sent("[[\"track\", \"" + name + "\", {}]]");
        }
    }

    @Test
    void productAddedIsAddedToCartWithTheWholeCart() {
        Recorder klaviyo = on();
        klaviyo.track("""
                {"event": "Product Added", "properties": {"product_id": "p0", "name": "Tea", "price": 4, "category": "Food"}}""");
        klaviyo.commands.clear();
        klaviyo.track("{\"event\": \"Product Added\", \"properties\": {" + MUG + ", \"cart_id\": \"c1\","
                + " \"checkout_url\": \"https://x/checkout\"}}")
                .sent("""
                [["track", "Added to Cart", {"$value": 29, "AddedItemProductName": "Mug", "AddedItemProductID": "p1",
                  "AddedItemSKU": "s1", "AddedItemCategories": ["Kitchen", "Food"],
                  "AddedItemImageURL": "https://x/p1.png", "AddedItemURL": "https://x/p1", "AddedItemPrice": 12.5,
                  "AddedItemQuantity": 2, "ItemNames": ["Tea", "Mug"], "CheckoutURL": "https://x/checkout",
                  "Items": [
                    {"ProductID": "p0", "ProductName": "Tea", "Quantity": 1, "ItemPrice": 4, "RowTotal": 4,
                     "ProductCategories": ["Food"]},
                    {"ProductID": "p1", "SKU": "s1", "ProductName": "Mug", "Quantity": 2, "ItemPrice": 12.5,
                     "RowTotal": 25, "ProductURL": "https://x/p1", "ImageURL": "https://x/p1.png",
                     "ProductCategories": ["Kitchen"]}],
                  "brand": "Acme", "variant": "blue", "compare_at_price": 15, "cart_id": "c1"}]]""");
    }

    @Test
    void theSameLineAddsUpAndRemovalSubtracts() {
        Recorder klaviyo = on();
        String tea = "{\"product_id\": \"p0\", \"sku\": \"t\", \"name\": \"Tea\", \"price\": 0.1";
        klaviyo.track("{\"event\": \"Product Added\", \"properties\": " + tea + ", \"quantity\": 2}}");
        klaviyo.track("{\"event\": \"Product Added\", \"properties\": " + tea + "}}");
        klaviyo.track("{\"event\": \"Product Added\", \"properties\": {\"product_id\": \"p0\", \"sku\": \"u\"}}");
        klaviyo.track("{\"event\": \"Product Removed\", \"properties\": " + tea + ", \"quantity\": 1}}");
        klaviyo.track("{\"event\": \"Product Removed\", \"properties\": {\"product_id\": \"p0\", \"sku\": \"u\"}}");
        klaviyo.commands.clear();
        klaviyo.track("{\"event\": \"Checkout Started\", \"properties\": {}}")
                .sent("""
                [["track", "Started Checkout", {"$value": 0.2, "ItemNames": ["Tea"], "Categories": [],
                  "Items": [{"ProductID": "p0", "SKU": "t", "ProductName": "Tea", "Quantity": 2, "ItemPrice": 0.1,
                             "RowTotal": 0.2, "ProductCategories": []}]}]]""");
    }

    @Test
    void productRemovedAndCartViewedStillReachKlaviyoAsTheyAre() {
        on().track("{\"event\": \"Product Removed\", \"properties\": {\"product_id\": \"p\"}}")
                .track("{\"event\": \"Cart Viewed\", \"properties\": {\"products\": []}}")
                .sent("""
                [["track", "Product Removed", {"product_id": "p"}], ["track", "Cart Viewed", {"products": []}]]""");
    }

    @Test
    void checkoutStartedIdIsTheCheckoutAndTheSecondOfTheEvent() {
        on().track("""
                {"event": "Checkout Started", "timestamp": "2024-05-01T10:00:00.900Z", "properties": {
                 "checkout_id": "k1", "order_id": "o1", "cart_id": "c1", "revenue": "$20", "total": 22,
                 "checkout_url": "https://x/c", "products": [{"product_id": "p1", "name": "A", "category": "X",
                 "price": 10, "quantity": 2}, {"sku": "s2", "name": "B", "category": "X"}, "junk"]}}""")
                .sent("""
                [["track", "Started Checkout", {"$event_id": "k1_1714557600", "$value": 20, "ItemNames": ["A", "B"],
                  "CheckoutURL": "https://x/c", "Categories": ["X"],
                  "Items": [{"ProductID": "p1", "ProductName": "A", "Quantity": 2, "ItemPrice": 10, "RowTotal": 20,
                             "ProductCategories": ["X"]},
                            {"SKU": "s2", "ProductName": "B", "Quantity": 1, "ProductCategories": ["X"]}],
                  "order_id": "o1", "cart_id": "c1", "total": 22}]]""");
    }

    @Test
    void theKeyThatGaveTheCheckoutsIdIsTakenOverOnlyWithAnId() {
        // order_id gives the id: it is taken over, cart_id stays; without a time there is no $event_id,
        // and the key stays where it was.
        on().track("""
                {"event": "Checkout Started", "timestamp": "2024-05-01T10:00:00Z", "properties": {
                 "checkout_id": "", "order_id": 7, "cart_id": "c1"}}""")
                .track("""
                {"event": "Checkout Started", "properties": {"checkout_id": "k2"}}""")
                .sent("""
                [["track", "Started Checkout", {"$event_id": "7_1714557600", "ItemNames": [], "Categories": [],
                  "Items": [], "checkout_id": "", "cart_id": "c1"}],
                 ["track", "Started Checkout", {"ItemNames": [], "Categories": [], "Items": [], "checkout_id": "k2"}]]""");
    }

    @Test
    void checkoutStartedValueFallsBackToTheItemsAndItsIdNeedsATime() {
        on().track("""
                {"event": "started_checkout", "properties": {"cart_id": "c9",
                 "products": [{"product_id": "p1", "price": 2.5, "quantity": 3}]}}""")
                .sent("""
                [["track", "Started Checkout", {"$value": 7.5, "ItemNames": [], "Categories": [],
                  "Items": [{"ProductID": "p1", "Quantity": 3, "ItemPrice": 2.5, "RowTotal": 7.5,
                             "ProductCategories": []}], "cart_id": "c9"}]]""");
    }

    @Test
    void orderCompletedIsPlacedOrderThenOrderedProducts() {
        on().track("""
                {"event": "Order Completed", "properties": {"order_id": "o1", "id": "x", "total": 30, "revenue": 25,
                 "coupon": "SAVE", "discount": "$2.50", "currency": "USD", "products": [
                  {"product_id": "p1", "sku": "s1", "name": "A", "brand": "B1", "category": "X", "price": 10,
                   "quantity": 2, "image_url": "https://x/a.png", "url": "https://x/a", "size": "L"},
                  {"product_id": "p1", "sku": "s2", "name": "A", "brand": "B2", "category": "Y", "price": 5}]}}""")
                .sent("""
                [["track", "Placed Order", {"$event_id": "x", "$value": 25, "OrderId": "x", "Categories": ["X", "Y"],
                  "ItemNames": ["A", "A"], "Brands": ["B1", "B2"], "DiscountCode": "SAVE", "DiscountValue": 2.5,
                  "Items": [
                    {"ProductID": "p1", "SKU": "s1", "ProductName": "A", "Quantity": 2, "ItemPrice": 10, "RowTotal": 20,
                     "ProductURL": "https://x/a", "ImageURL": "https://x/a.png", "Categories": ["X"], "Brand": "B1"},
                    {"ProductID": "p1", "SKU": "s2", "ProductName": "A", "Quantity": 1, "ItemPrice": 5, "RowTotal": 5,
                     "Categories": ["Y"], "Brand": "B2"}],
                  "id": "x", "total": 30, "currency": "USD"}],
                 ["track", "Ordered Product", {"$event_id": "x_p1", "$value": 20, "OrderId": "x", "ProductName": "A",
                  "ProductID": "p1", "SKU": "s1", "Categories": ["X"], "ImageURL": "https://x/a.png",
                  "ProductURL": "https://x/a", "ProductBrand": "B1", "Quantity": 2}],
                 ["track", "Ordered Product", {"$event_id": "x_p1_s2", "$value": 5, "OrderId": "x", "ProductName": "A",
                  "ProductID": "p1", "SKU": "s2", "Categories": ["Y"], "ProductBrand": "B2", "Quantity": 1}]]""");
    }

    @Test
    void theCartKeepsTheLatestHundredLinesAndItsValueAndNamesFollowThem() {
        Recorder klaviyo = on();
        for (int i = 1; i <= 102; i++) {
            klaviyo.track("{\"event\": \"Product Added\", \"properties\": {\"product_id\": \"p" + i
                    + "\", \"name\": \"n" + i + "\", \"price\": " + i + "}}");
        }
        java.util.Map<?, ?> last = (java.util.Map<?, ?>) ((java.util.List<?>) klaviyo.commands.get(101)).get(2);
        java.util.List<?> items = (java.util.List<?>) last.get("Items");
        java.util.List<?> names = (java.util.List<?>) last.get("ItemNames");
        // The 101st addition made p1 leave, the 102nd p2: p3 to p102 are kept, in order.
        assertEquals(100, items.size());
        assertEquals(JsonText.parse("{\"ProductID\": \"p3\", \"ProductName\": \"n3\", \"Quantity\": 1, \"ItemPrice\": 3,"
                + " \"RowTotal\": 3, \"ProductCategories\": []}"), items.get(0));
        assertEquals("p102", ((java.util.Map<?, ?>) items.get(99)).get("ProductID"));
        assertEquals(100, names.size());
        assertEquals("n3", names.get(0));
        assertEquals("n102", names.get(99));
        // $value: 3 + 4 + ... + 102.
        assertEquals(5250.0, ((Number) last.get("$value")).doubleValue());
        // The cart the 100th addition sent still had p1.
        java.util.Map<?, ?> hundredth = (java.util.Map<?, ?>) ((java.util.List<?>) klaviyo.commands.get(99)).get(2);
        assertEquals("p1", ((java.util.Map<?, ?>) ((java.util.List<?>) hundredth.get("Items")).get(0)).get("ProductID"));
        assertEquals(5050.0, ((Number) hundredth.get("$value")).doubleValue());
        // What the tab stored holds the same 100 lines.
        java.util.Map<?, ?> stored = (java.util.Map<?, ?>) JsonText.parse(klaviyo.storage.texts.get("klaviyo_cart:hfWBjc"));
        assertEquals(100, ((java.util.List<?>) stored.get("items")).size());
    }

    @Test
    void aLogoutForgetsTheCart() {
        TabStorageStandIn tab = new TabStorageStandIn();
        Recorder klaviyo = new Recorder(ON, tab).track("{\"event\": \"Product Added\", \"properties\": {\"product_id\": \"p\"}}");
        assertEquals(java.util.Set.of("klaviyo_cart:hfWBjc"), tab.texts.keySet());
        klaviyo.forget();
        assertEquals(java.util.Set.of(), tab.texts.keySet());
        klaviyo.commands.clear();
        klaviyo.track("{\"event\": \"Product Added\", \"properties\": {\"product_id\": \"q\"}}")
                .sent("""
                [["track", "Added to Cart", {"AddedItemProductID": "q", "AddedItemCategories": [], "AddedItemQuantity": 1,
                  "ItemNames": [], "Items": [{"ProductID": "q", "Quantity": 1, "ProductCategories": []}]}]]""");
    }

    @Test
    void anOrderEmptiesTheCart() {
        TabStorageStandIn tab = new TabStorageStandIn();
        new Recorder(ON, tab).track("{\"event\": \"Product Added\", \"properties\": {\"product_id\": \"p\"}}")
                .track("{\"event\": \"Order Completed\", \"properties\": {\"order_id\": \"o\"}}");
        assertEquals(JsonText.parse("{\"v\": 1, \"items\": []}"), JsonText.parse(tab.texts.get("klaviyo_cart:hfWBjc")));
    }

    @Test
    void listAndCategoryViewsAreViewedCategoryAndSearchesSearchedSite() {
        on().track("""
                {"event": "Product List Viewed", "properties": {"list_id": "l1", "category": "Deals",
                 "products": [{"product_id": "p"}], "url": "https://x/deals", "image_url": "https://x/d.png", "page": 2}}""")
                .track("{\"event\": \"Viewed Product Category\", \"properties\": {\"category\": \"Tea\"}}")
                .track("{\"event\": \"Products Searched\", \"properties\": {\"query\": \"blue mug\", \"revenue\": 0}}")
                .sent("""
                [["track", "Viewed Category", {"CategoryName": "Deals", "CategoryID": "l1", "URL": "https://x/deals",
                  "ImageURL": "https://x/d.png", "page": 2}],
                 ["track", "Viewed Category", {"CategoryName": "Tea"}],
                 ["track", "Searched Site", {"SearchTerm": "blue mug", "revenue": 0}]]""");
    }

    @Test
    void offEverythingReachesKlaviyoAsBefore() {
        new Recorder().track("{\"event\": \"Product Viewed\", \"properties\": {\"product_id\": \"p\", \"revenue\": 2}}")
                .track("{\"event\": \"Checkout Started\", \"properties\": {\"order_id\": \"o\"}}")
                .sent("""
                [["track", "Product Viewed", {"product_id": "p", "$value": 2}],
                 ["track", "Checkout Started", {"order_id": "o"}]]""");
    }

    @Test
    void twoVariantsOfOneProductKeepTheirLinesInTheClassicOrderToo() {
        Recorder klaviyo = new Recorder().track("""
                {"event": "Order Completed", "properties": {"order_id": "o", "products": [
                 {"product_id": "p", "sku": "a"}, {"product_id": "p", "sku": "b"}, {"product_id": "p", "sku": "b"},
                 {"product_id": "p"}]}}""");
        StringBuilder ids = new StringBuilder();
        for (Object command : klaviyo.commands.subList(1, klaviyo.commands.size())) {
            ids.append(((java.util.Map<?, ?>) ((java.util.List<?>) command).get(2)).get("$event_id")).append(' ');
        }
        assertEquals("o_p o_p_b o_p_3 o_p_4 ", ids.toString());
    }
}
