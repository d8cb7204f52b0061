package destination.klaviyo.browser;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import destination.klaviyo.JsonText;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Klaviyo's standard ecommerce metrics (setting klaviyoEcommerceMetrics) end to end: Segment's
 * snippet, Analytics Next loading klaviyo.dynamic.js as a classic destination, the stand-in recording
 * the exact commands Klaviyo's script gets. Each row of the metrics table and each rule of the
 * remembered cart, then the setting as the other hosts give it, the cart across a page load, and
 * storage that is corrupt, throws or is missing.
 * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration
 */
class EcommerceThroughAnalyticsNextTest {
    static final String ON = "{\"apiKey\": \"hfWBjc\", \"klaviyoEcommerceMetrics\": true}";
    /** Where the tab remembers the cart of Klaviyo account hfWBjc. */
    static final String CART_KEY = "klaviyo_cart:hfWBjc";
    /** The message's timestamp, 2024-01-02T03:04:05.678Z: Started Checkout's $event_id uses its whole seconds. */
    private static final String AT = "{timestamp: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678))}";
    private static final String SECONDS = "1704164645";

    // Three products as a shop sends them: Segment's snake_case names, the facade's alternates
    // (productUrl, imageUrl, id), a price as a currency string, a price with a binary fraction.
    static final String TEA = "product_id: 'P1', sku: 'S1', name: 'Earl Grey', category: 'Tea', price: 12.5,"
            + " url: 'https://shop.example/earl-grey', image_url: 'https://shop.example/earl-grey.jpg'";
    static final String POT = "product_id: 'P2', sku: 'S2', name: 'Glass teapot', category: 'Teaware', price: '$22',"
            + " productUrl: 'https://shop.example/teapot', imageUrl: 'https://shop.example/teapot.jpg'";
    static final String MUG = "id: 'P3', name: 'Mug', category: 'Teaware', price: 0.1";

    /** The products as Klaviyo's cart items; %Q% is the quantity, %R% the RowTotal. */
    private static final String TEA_ITEM = """
            {"ProductID": "P1", "SKU": "S1", "ProductName": "Earl Grey", "Quantity": %Q%, "ItemPrice": 12.5,
             "RowTotal": %R%, "ProductURL": "https://shop.example/earl-grey",
             "ImageURL": "https://shop.example/earl-grey.jpg", "ProductCategories": ["Tea"]}""";
    private static final String POT_ITEM = """
            {"ProductID": "P2", "SKU": "S2", "ProductName": "Glass teapot", "Quantity": %Q%, "ItemPrice": 22,
             "RowTotal": %R%, "ProductURL": "https://shop.example/teapot", "ImageURL": "https://shop.example/teapot.jpg",
             "ProductCategories": ["Teaware"]}""";
    private static final String MUG_ITEM = """
            {"ProductID": "P3", "ProductName": "Mug", "Quantity": %Q%, "ItemPrice": 0.1, "RowTotal": %R%,
             "ProductCategories": ["Teaware"]}""";

    static String item(String template, Object quantity, Object rowTotal) {
        return template.replace("%Q%", String.valueOf(quantity)).replace("%R%", String.valueOf(rowTotal));
    }

    /** Added to Cart for the tea added (quantity 1), with this cart. */
    private static String teaAdded(String value, String categories, String names, String items) {
        return "[\"track\", \"Added to Cart\", {\"$value\": " + value + ", \"AddedItemProductName\": \"Earl Grey\","
                + " \"AddedItemProductID\": \"P1\", \"AddedItemSKU\": \"S1\", \"AddedItemCategories\": " + categories + ","
                + " \"AddedItemImageURL\": \"https://shop.example/earl-grey.jpg\","
                + " \"AddedItemURL\": \"https://shop.example/earl-grey\", \"AddedItemPrice\": 12.5,"
                + " \"AddedItemQuantity\": 1, \"ItemNames\": " + names + ", \"Items\": [" + items + "]}]";
    }

    /** Added to Cart for the teapot added (quantity 1), with this cart. */
    private static String potAdded(String value, String categories, String names, String items) {
        return "[\"track\", \"Added to Cart\", {\"$value\": " + value + ", \"AddedItemProductName\": \"Glass teapot\","
                + " \"AddedItemProductID\": \"P2\", \"AddedItemSKU\": \"S2\", \"AddedItemCategories\": " + categories + ","
                + " \"AddedItemImageURL\": \"https://shop.example/teapot.jpg\","
                + " \"AddedItemURL\": \"https://shop.example/teapot\", \"AddedItemPrice\": 22,"
                + " \"AddedItemQuantity\": 1, \"ItemNames\": " + names + ", \"Items\": [" + items + "]}]";
    }

    /** A command with the event's cart_id among the rest of its properties. */
    private static String withCartId(String command, String cartId) {
        return command.substring(0, command.length() - 2) + ", \"cart_id\": \"" + cartId + "\"}]";
    }

    // ---- The table, row by row ----------------------------------------------------------------------

    @Test
    void productViewedBecomesViewedProductThenTheViewedItem() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("analytics.track('Product Viewed', {" + TEA.replace("price: 12.5", "price: '$12.50'")
                    + ", brand: 'Leaf & Co', compare_at_price: 15, variant: 'loose', quantity: 2, currency: 'GBP',"
                    + " revenue: 12.5});");
            page.assertKlaviyoCommands(ACCOUNT, """
                    ["track", "Viewed Product", {"ProductName": "Earl Grey", "ProductID": "P1", "SKU": "S1",
                      "Categories": ["Tea"], "ImageURL": "https://shop.example/earl-grey.jpg",
                      "URL": "https://shop.example/earl-grey", "Brand": "Leaf & Co", "Price": 12.5, "CompareAtPrice": 15,
                      "variant": "loose", "quantity": 2, "currency": "GBP", "$value": 12.5}]""", """
                    ["trackViewedItem", {"Title": "Earl Grey", "ItemId": "P1", "Categories": ["Tea"],
                      "ImageUrl": "https://shop.example/earl-grey.jpg", "Url": "https://shop.example/earl-grey",
                      "Metadata": {"Brand": "Leaf & Co", "Price": 12.5, "CompareAtPrice": 15}}]""");
        }
    }

    @Test
    void theViewedItemNeedsAnIdAndANameAndTheIdMayBeId() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("""
                    analytics.track('Product Viewed', {name: 'Earl Grey', price: 0});
                    analytics.track('Product Viewed', {product_id: 'P1', sku: 'S1'});
                    analytics.track('Product Viewed', {id: 'P3', name: 'Mug', product_id: '', productUrl: 'https://shop.example/mug'});""");
            page.assertKlaviyoCommands(ACCOUNT,
                    "[\"track\", \"Viewed Product\", {\"ProductName\": \"Earl Grey\", \"Categories\": [], \"Price\": 0}]",
                    "[\"track\", \"Viewed Product\", {\"ProductID\": \"P1\", \"SKU\": \"S1\", \"Categories\": []}]",
                    // An empty product_id is no id: id gives it, and is left out of the rest; product_id stays.
                    """
                    ["track", "Viewed Product", {"ProductName": "Mug", "ProductID": "P3", "Categories": [],
                      "URL": "https://shop.example/mug", "product_id": ""}]""", """
                    ["trackViewedItem", {"Title": "Mug", "ItemId": "P3", "Categories": [],
                      "Url": "https://shop.example/mug", "Metadata": {}}]""");
        }
    }

    @Test
    void productAddedSendsAddedToCartWhoseItemsHoldTheWholeCart() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("analytics.track('Product Added', {cart_id: 'C1', " + TEA + ", quantity: 2, brand: 'Leaf & Co',"
                    + " variant: 'loose', checkout_url: 'https://shop.example/checkout'});\n"
                    + "analytics.track('Product Added', {cart_id: 'C1', " + POT + "});\n"
                    + "analytics.track('Product Added', {cart_id: 'C1', " + MUG + "});\n"
                    // The same ProductID and SKU: one line, the quantities added up.
                    + "analytics.track('Product Added', {cart_id: 'C1', " + TEA + "});");
            page.assertKlaviyoCommands(ACCOUNT, """
                    ["track", "Added to Cart", {"$value": 25, "AddedItemProductName": "Earl Grey",
                      "AddedItemProductID": "P1", "AddedItemSKU": "S1", "AddedItemCategories": ["Tea"],
                      "AddedItemImageURL": "https://shop.example/earl-grey.jpg",
                      "AddedItemURL": "https://shop.example/earl-grey", "AddedItemPrice": 12.5, "AddedItemQuantity": 2,
                      "ItemNames": ["Earl Grey"], "CheckoutURL": "https://shop.example/checkout",
                      "Items": [""" + item(TEA_ITEM, 2, 25) + """
                    ], "cart_id": "C1", "brand": "Leaf & Co", "variant": "loose"}]""",
                    withCartId(potAdded("47", "[\"Teaware\", \"Tea\"]", "[\"Earl Grey\", \"Glass teapot\"]",
                            item(TEA_ITEM, 2, 25) + ", " + item(POT_ITEM, 1, 22)), "C1"),
                    """
                    ["track", "Added to Cart", {"$value": 47.1, "AddedItemProductName": "Mug", "AddedItemProductID": "P3",
                      "AddedItemCategories": ["Teaware", "Tea"], "AddedItemPrice": 0.1, "AddedItemQuantity": 1,
                      "ItemNames": ["Earl Grey", "Glass teapot", "Mug"], "Items": [""" + item(TEA_ITEM, 2, 25) + ", "
                            + item(POT_ITEM, 1, 22) + ", " + item(MUG_ITEM, 1, 0.1) + "], \"cart_id\": \"C1\"}]",
                    withCartId(teaAdded("59.6", "[\"Tea\", \"Teaware\"]", "[\"Earl Grey\", \"Glass teapot\", \"Mug\"]",
                            item(TEA_ITEM, 3, 37.5) + ", " + item(POT_ITEM, 1, 22) + ", " + item(MUG_ITEM, 1, 0.1)), "C1"));
        }
    }

    @Test
    void pricesReadAsCurrencyQuantitiesArePositiveAndRowTotalsRound() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("""
                    analytics.track('Product Added', {product_id: 'A', price: '$12.50', quantity: 0});
                    analytics.track('Product Added', {product_id: 'B', price: 0, quantity: -2});
                    analytics.track('Product Added', {product_id: 'C', price: 0.1, quantity: '3'});
                    analytics.track('Product Added', {product_id: 'D', price: 'free', revenue: 90});""");
            String a = "{\"ProductID\": \"A\", \"Quantity\": 1, \"ItemPrice\": 12.5, \"RowTotal\": 12.5, \"ProductCategories\": []}";
            String b = "{\"ProductID\": \"B\", \"Quantity\": 1, \"ItemPrice\": 0, \"RowTotal\": 0, \"ProductCategories\": []}";
            String c = "{\"ProductID\": \"C\", \"Quantity\": 3, \"ItemPrice\": 0.1, \"RowTotal\": 0.3, \"ProductCategories\": []}";
            String d = "{\"ProductID\": \"D\", \"Quantity\": 1, \"ProductCategories\": []}";
            page.assertKlaviyoCommands(ACCOUNT,
                    // A quantity that is no positive amount counts as 1, and stays as it was among the rest.
                    "[\"track\", \"Added to Cart\", {\"$value\": 12.5, \"AddedItemProductID\": \"A\", \"AddedItemCategories\": [],"
                            + " \"AddedItemPrice\": 12.5, \"AddedItemQuantity\": 1, \"ItemNames\": [], \"Items\": [" + a + "],"
                            + " \"quantity\": 0}]",
                    "[\"track\", \"Added to Cart\", {\"$value\": 12.5, \"AddedItemProductID\": \"B\", \"AddedItemCategories\": [],"
                            + " \"AddedItemPrice\": 0, \"AddedItemQuantity\": 1, \"ItemNames\": [], \"Items\": [" + a + ", " + b + "],"
                            + " \"quantity\": -2}]",
                    "[\"track\", \"Added to Cart\", {\"$value\": 12.8, \"AddedItemProductID\": \"C\", \"AddedItemCategories\": [],"
                            + " \"AddedItemPrice\": 0.1, \"AddedItemQuantity\": 3, \"ItemNames\": [],"
                            + " \"Items\": [" + a + ", " + b + ", " + c + "]}]",
                    // A price that is no amount is left out (and the string with it); the cart's total stays the value,
                    // so revenue stays as it is.
                    "[\"track\", \"Added to Cart\", {\"$value\": 12.8, \"AddedItemProductID\": \"D\", \"AddedItemCategories\": [],"
                            + " \"AddedItemQuantity\": 1, \"ItemNames\": [], \"Items\": [" + a + ", " + b + ", " + c + ", " + d + "],"
                            + " \"price\": \"free\", \"revenue\": 90}]");
        }
    }

    @Test
    void withoutAnyPriceAddedToCartsValueIsTheRevenueAsInAnyTrack() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("analytics.track('Product Added', {product_id: 'D', name: 'Gift card', revenue: '$90'});");
            page.assertKlaviyoCommands(ACCOUNT, """
                    ["track", "Added to Cart", {"$value": 90, "AddedItemProductName": "Gift card", "AddedItemProductID": "D",
                      "AddedItemCategories": [], "AddedItemQuantity": 1, "ItemNames": ["Gift card"],
                      "Items": [{"ProductID": "D", "ProductName": "Gift card", "Quantity": 1, "ProductCategories": []}]}]""");
        }
    }

    @Test
    void productRemovedGoesToKlaviyoAsATrackAndTakesTheQuantityOffTheCart() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("analytics.track('Product Added', {" + POT + ", quantity: 3});\n"
                    + "analytics.track('Product Added', {" + MUG + "});\n"
                    + "analytics.track('Product Removed', {product_id: 'P2', sku: 'S2', quantity: 2});\n"
                    // No quantity is 1: the mug's line goes.
                    + "analytics.track('Product Removed', {id: 'P3', revenue: 0.1});\n"
                    // Another SKU of the same product is another line: nothing changes.
                    + "analytics.track('Product Removed', {product_id: 'P2', sku: 'S2-XL'});\n"
                    + "analytics.track('Product Added', {" + TEA + "});\n"
                    // More than the line holds: the line goes.
                    + "analytics.track('Product Removed', {product_id: 'P2', sku: 'S2', quantity: 5});\n"
                    + "analytics.track('Product Added', {" + TEA + "});");
            page.assertKlaviyoCommands(ACCOUNT,
                    potAdded("66", "[\"Teaware\"]", "[\"Glass teapot\"]", item(POT_ITEM, 3, 66))
                            .replace("\"AddedItemQuantity\": 1", "\"AddedItemQuantity\": 3"),
                    """
                    ["track", "Added to Cart", {"$value": 66.1, "AddedItemProductName": "Mug", "AddedItemProductID": "P3",
                      "AddedItemCategories": ["Teaware"], "AddedItemPrice": 0.1, "AddedItemQuantity": 1,
                      "ItemNames": ["Glass teapot", "Mug"], "Items": [""" + item(POT_ITEM, 3, 66) + ", "
                            + item(MUG_ITEM, 1, 0.1) + "]}]",
                    "[\"track\", \"Product Removed\", {\"product_id\": \"P2\", \"sku\": \"S2\", \"quantity\": 2}]",
                    "[\"track\", \"Product Removed\", {\"id\": \"P3\", \"$value\": 0.1}]",
                    "[\"track\", \"Product Removed\", {\"product_id\": \"P2\", \"sku\": \"S2-XL\"}]",
                    teaAdded("34.5", "[\"Tea\", \"Teaware\"]", "[\"Glass teapot\", \"Earl Grey\"]",
                            item(POT_ITEM, 1, 22) + ", " + item(TEA_ITEM, 1, 12.5)),
                    "[\"track\", \"Product Removed\", {\"product_id\": \"P2\", \"sku\": \"S2\", \"quantity\": 5}]",
                    teaAdded("25", "[\"Tea\"]", "[\"Earl Grey\"]", item(TEA_ITEM, 2, 25)));
        }
    }

    @Test
    void anEventWithProductsSaysWhatTheCartIs() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("analytics.track('Product Added', {" + TEA + "});\n"
                    + "analytics.track('Cart Viewed', {cart_id: 'C1', products: [{" + POT + "}, 'not a product', {" + MUG + "}]});\n"
                    + "analytics.track('Product Added', {" + TEA + "});\n"
                    // Product Added with products: they are the cart, the added product among them.
                    + "analytics.track('Product Added', {" + POT + ", quantity: 2, products: [{" + TEA + "}, {" + POT
                    + ", quantity: 2}]});\n"
                    + "analytics.track('Product Added', {" + MUG + "});");
            page.assertKlaviyoCommands(ACCOUNT,
                    teaAdded("12.5", "[\"Tea\"]", "[\"Earl Grey\"]", item(TEA_ITEM, 1, 12.5)),
                    // Cart Viewed goes to Klaviyo as any track does.
                    """
                    ["track", "Cart Viewed", {"cart_id": "C1", "products": [{"product_id": "P2", "sku": "S2",
                      "name": "Glass teapot", "category": "Teaware", "price": "$22", "productUrl": "https://shop.example/teapot",
                      "imageUrl": "https://shop.example/teapot.jpg"}, "not a product",
                      {"id": "P3", "name": "Mug", "category": "Teaware", "price": 0.1}]}]""",
                    teaAdded("34.6", "[\"Tea\", \"Teaware\"]", "[\"Glass teapot\", \"Mug\", \"Earl Grey\"]",
                            item(POT_ITEM, 1, 22) + ", " + item(MUG_ITEM, 1, 0.1) + ", " + item(TEA_ITEM, 1, 12.5)),
                    potAdded("56.5", "[\"Teaware\", \"Tea\"]", "[\"Earl Grey\", \"Glass teapot\"]",
                            item(TEA_ITEM, 1, 12.5) + ", " + item(POT_ITEM, 2, 44))
                            .replace("\"AddedItemQuantity\": 1", "\"AddedItemQuantity\": 2"),
                    """
                    ["track", "Added to Cart", {"$value": 56.6, "AddedItemProductName": "Mug", "AddedItemProductID": "P3",
                      "AddedItemCategories": ["Teaware", "Tea"], "AddedItemPrice": 0.1, "AddedItemQuantity": 1,
                      "ItemNames": ["Earl Grey", "Glass teapot", "Mug"], "Items": [""" + item(TEA_ITEM, 1, 12.5) + ", "
                            + item(POT_ITEM, 2, 44) + ", " + item(MUG_ITEM, 1, 0.1) + "]}]");
        }
    }

    @Test
    void checkoutStartedFromItsProducts() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("analytics.track('Checkout Started', {checkout_id: 'K1', order_id: 'O1', cart_id: 'C1',"
                    + " value: 40, revenue: 38, currency: 'GBP', checkout_url: 'https://shop.example/checkout/K1',"
                    + " products: [{" + TEA + ", quantity: 2}, {" + POT + "}, {" + MUG + ", category: 'Tea'}]}, " + AT + ");");
            String items = item(TEA_ITEM, 2, 25) + ", " + item(POT_ITEM, 1, 22) + ", "
                    + item(MUG_ITEM, 1, 0.1).replace("[\"Teaware\"]", "[\"Tea\"]");
            page.assertKlaviyoCommands(ACCOUNT, """
                    ["track", "Started Checkout", {"$event_id": "K1_SECONDS", "$value": 40,
                      "ItemNames": ["Earl Grey", "Glass teapot", "Mug"], "CheckoutURL": "https://shop.example/checkout/K1",
                      "Categories": ["Tea", "Teaware"], "Items": [ITEMS], "order_id": "O1",
                      "cart_id": "C1", "revenue": 38, "currency": "GBP"}]""".replace("SECONDS", SECONDS).replace("ITEMS", items));
        }
    }

    @Test
    void checkoutStartedsIdAndValueFallBackInOrder() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("analytics.track('Checkout Started', {order_id: 'O1', revenue: '$38', products: [{" + TEA
                    + "}]}, " + AT + ");\n"
                    + "analytics.track('Checkout Started', {cart_id: 'C1', total: 41, products: [{" + TEA + "}]}, " + AT + ");\n"
                    // No id: no $event_id; no value: the Items' total.
                    + "analytics.track('Checkout Started', {products: [{" + TEA + "}]}, " + AT + ");");
            String items = ", \"ItemNames\": [\"Earl Grey\"], \"Categories\": [\"Tea\"], \"Items\": ["
                    + item(TEA_ITEM, 1, 12.5) + "]";
            page.assertKlaviyoCommands(ACCOUNT,
                    "[\"track\", \"Started Checkout\", {\"$event_id\": \"O1_" + SECONDS + "\", \"$value\": 38" + items + "}]",
                    "[\"track\", \"Started Checkout\", {\"$event_id\": \"C1_" + SECONDS + "\", \"$value\": 41" + items + "}]",
                    "[\"track\", \"Started Checkout\", {\"$value\": 12.5" + items + "}]");
        }
    }

    @Test
    void checkoutStartedWithoutProductsHasTheRememberedCart() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("analytics.track('Product Added', {cart_id: 'C1', " + TEA + "});\n"
                    + "analytics.track('Product Added', {cart_id: 'C1', " + POT + "});\n"
                    + "analytics.track('Checkout Started', {cart_id: 'C1', checkout_url: 'https://shop.example/checkout'}, "
                    + AT + ");");
            String cart = item(TEA_ITEM, 1, 12.5) + ", " + item(POT_ITEM, 1, 22);
            page.assertKlaviyoCommands(ACCOUNT,
                    withCartId(teaAdded("12.5", "[\"Tea\"]", "[\"Earl Grey\"]", item(TEA_ITEM, 1, 12.5)), "C1"),
                    withCartId(potAdded("34.5", "[\"Teaware\", \"Tea\"]", "[\"Earl Grey\", \"Glass teapot\"]", cart), "C1"),
                    "[\"track\", \"Started Checkout\", {\"$event_id\": \"C1_" + SECONDS + "\", \"$value\": 34.5,"
                            + " \"ItemNames\": [\"Earl Grey\", \"Glass teapot\"],"
                            + " \"CheckoutURL\": \"https://shop.example/checkout\", \"Categories\": [\"Tea\", \"Teaware\"],"
                            + " \"Items\": [" + cart + "]}]");
        }
    }

    @Test
    void orderCompletedBecomesPlacedOrderAndOrderedProductsAndEmptiesTheCart() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("analytics.track('Product Added', {" + MUG + "});\n"
                    + "analytics.track('Order Completed', {order_id: 'O-1', total: 47.5, revenue: 42, shipping: 3.5, tax: 2,"
                    + " discount: '$5', coupon: 'WELCOME5', currency: 'GBP', products: [{" + TEA + ", quantity: 2,"
                    + " brand: 'Leaf & Co', variant: 'loose'}, {" + POT + ", brand: 'Leaf & Co'}]});\n"
                    + "analytics.track('Completed Order', {id: 7001, order_id: 'O-2', products: []});\n"
                    + "analytics.track('Product Added', {" + TEA + "});");
            page.assertKlaviyoCommands(ACCOUNT,
                    """
                    ["track", "Added to Cart", {"$value": 0.1, "AddedItemProductName": "Mug", "AddedItemProductID": "P3",
                      "AddedItemCategories": ["Teaware"], "AddedItemPrice": 0.1, "AddedItemQuantity": 1,
                      "ItemNames": ["Mug"], "Items": [""" + item(MUG_ITEM, 1, 0.1) + "]}]",
                    """
                    ["track", "Placed Order", {"$event_id": "O-1", "$value": 42, "OrderId": "O-1",
                      "Categories": ["Tea", "Teaware"], "ItemNames": ["Earl Grey", "Glass teapot"], "Brands": ["Leaf & Co"],
                      "DiscountCode": "WELCOME5", "DiscountValue": 5, "Items": [
                        {"ProductID": "P1", "SKU": "S1", "ProductName": "Earl Grey", "Quantity": 2, "ItemPrice": 12.5,
                         "RowTotal": 25, "ProductURL": "https://shop.example/earl-grey",
                         "ImageURL": "https://shop.example/earl-grey.jpg", "Categories": ["Tea"], "Brand": "Leaf & Co"},
                        {"ProductID": "P2", "SKU": "S2", "ProductName": "Glass teapot", "Quantity": 1, "ItemPrice": 22,
                         "RowTotal": 22, "ProductURL": "https://shop.example/teapot",
                         "ImageURL": "https://shop.example/teapot.jpg", "Categories": ["Teaware"], "Brand": "Leaf & Co"}],
                      "total": 47.5, "shipping": 3.5, "tax": 2, "currency": "GBP"}]""",
                    """
                    ["track", "Ordered Product", {"$event_id": "O-1_P1", "$value": 25, "OrderId": "O-1",
                      "ProductName": "Earl Grey", "ProductID": "P1", "SKU": "S1", "Categories": ["Tea"],
                      "ImageURL": "https://shop.example/earl-grey.jpg", "ProductURL": "https://shop.example/earl-grey",
                      "ProductBrand": "Leaf & Co", "Quantity": 2}]""",
                    """
                    ["track", "Ordered Product", {"$event_id": "O-1_P2", "$value": 22, "OrderId": "O-1",
                      "ProductName": "Glass teapot", "ProductID": "P2", "SKU": "S2", "Categories": ["Teaware"],
                      "ImageURL": "https://shop.example/teapot.jpg", "ProductURL": "https://shop.example/teapot",
                      "ProductBrand": "Leaf & Co", "Quantity": 1}]""",
                    // The order's id is id, else order_id, as the classic's; id stays, order_id does not.
                    """
                    ["track", "Placed Order", {"$event_id": 7001, "OrderId": 7001, "Categories": [], "ItemNames": [],
                      "Brands": [], "Items": [], "id": 7001}]""",
                    // The order emptied the cart.
                    teaAdded("12.5", "[\"Tea\"]", "[\"Earl Grey\"]", item(TEA_ITEM, 1, 12.5)));
        }
    }

    @Test
    void orderedProductIdsAreUniqueWithinTheOrderWithTheSettingOn() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady(VARIANTS_ORDER);
            page.assertKlaviyoCommands(ACCOUNT, """
                    ["track", "Placed Order", {"$event_id": "O", "OrderId": "O", "Categories": [], "ItemNames": [],
                      "Brands": [], "Items": [
                        {"ProductID": "P1", "SKU": "red", "Quantity": 1, "ItemPrice": 10, "RowTotal": 10, "Categories": []},
                        {"ProductID": "P1", "SKU": "blue", "Quantity": 1, "ItemPrice": 10, "RowTotal": 10, "Categories": []},
                        {"ProductID": "P1", "SKU": "blue", "Quantity": 2, "ItemPrice": 10, "RowTotal": 20, "Categories": []},
                        {"SKU": "red", "Quantity": 1, "ItemPrice": 1, "RowTotal": 1, "Categories": []}]}]""",
                    orderedVariant("O_P1", 10, "\"ProductID\": \"P1\", \"SKU\": \"red\", \"Quantity\": 1"),
                    orderedVariant("O_P1_blue", 10, "\"ProductID\": \"P1\", \"SKU\": \"blue\", \"Quantity\": 1"),
                    orderedVariant("O_P1_3", 20, "\"ProductID\": \"P1\", \"SKU\": \"blue\", \"Quantity\": 2"),
                    orderedVariant("O_red", 1, "\"SKU\": \"red\", \"Quantity\": 1"));
        }
    }

    @Test
    void orderedProductIdsAreUniqueWithinTheOrderWithTheSettingOff() {
        // Klaviyo keeps only the first event of an $event_id: the classic's ids lost the other variants.
        try (HostPage page = HostPage.analyticsNext(ShopEvents.SETTINGS)) {
            page.whenReady(VARIANTS_ORDER);
            page.assertKlaviyoCommands(ACCOUNT, """
                    ["track", "Order Completed", {"$event_id": "O", "Categories": [], "ItemNames": [], "Items": [
                        {"id": "P1", "SKU": "red", "Quantity": 1, "ItemPrice": 10, "RowTotal": 10, "Categories": []},
                        {"id": "P1", "SKU": "blue", "Quantity": 1, "ItemPrice": 10, "RowTotal": 10, "Categories": []},
                        {"id": "P1", "SKU": "blue", "Quantity": 2, "ItemPrice": 10, "RowTotal": 10, "Categories": []},
                        {"SKU": "red", "Quantity": 1, "ItemPrice": 1, "RowTotal": 1, "Categories": []}]}]""",
                    classicVariant("O_P1", 10, "\"ProductID\": \"P1\", \"SKU\": \"red\", \"Quantity\": 1"),
                    classicVariant("O_P1_blue", 10, "\"ProductID\": \"P1\", \"SKU\": \"blue\", \"Quantity\": 1"),
                    classicVariant("O_P1_3", 10, "\"ProductID\": \"P1\", \"SKU\": \"blue\", \"Quantity\": 2"),
                    classicVariant("O_red", 1, "\"SKU\": \"red\", \"Quantity\": 1"));
        }
    }

    /** One product in two SKUs, one SKU twice, and a line keyed by its SKU alone. */
    private static final String VARIANTS_ORDER = "analytics.track('Order Completed', {order_id: 'O', products: ["
            + "{product_id: 'P1', sku: 'red', price: 10}, {product_id: 'P1', sku: 'blue', price: 10},"
            + " {product_id: 'P1', sku: 'blue', price: 10, quantity: 2}, {sku: 'red', price: 1}]});";

    private static String orderedVariant(String id, int value, String fields) {
        return "[\"track\", \"Ordered Product\", {\"$event_id\": \"" + id + "\", \"$value\": " + value
                + ", \"OrderId\": \"O\", \"Categories\": [], " + fields + "}]";
    }

    private static String classicVariant(String id, int value, String fields) {
        return "[\"track\", \"Ordered Product\", {\"$event_id\": \"" + id + "\", \"$value\": " + value
                + ", \"ProductCategories\": [], " + fields + "}]";
    }

    @Test
    void productListAndCategoryViewedBecomeViewedCategoryAndProductsSearchedSearchedSite() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("""
                    analytics.track('Product List Viewed', {list_id: 'L-tea', category: 'Tea', url: 'https://shop.example/tea',
                      image_url: 'https://shop.example/tea.jpg', sorts: [{type: 'price', value: 'asc'}],
                      products: [{product_id: 'P1'}]});
                    analytics.track('Product Category Viewed', {category: 'Teaware', revenue: 3});
                    analytics.track('Products Searched', {query: 'earl grey', results: 3});""");
            page.assertKlaviyoCommands(ACCOUNT, """
                    ["track", "Viewed Category", {"CategoryName": "Tea", "CategoryID": "L-tea",
                      "URL": "https://shop.example/tea", "ImageURL": "https://shop.example/tea.jpg",
                      "sorts": [{"type": "price", "value": "asc"}]}]""",
                    "[\"track\", \"Viewed Category\", {\"CategoryName\": \"Teaware\", \"$value\": 3}]",
                    "[\"track\", \"Searched Site\", {\"SearchTerm\": \"earl grey\", \"results\": 3}]");
        }
    }

    @Test
    void namesMatchIgnoringCaseAndJoinersInBothWordOrders() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("""
                    analytics.track('Viewed Product', {name: 'Mug'});
                    analytics.track('product_viewed', {name: 'Mug'});
                    analytics.track('PRODUCTVIEWED', {name: 'Mug'});
                    analytics.track('Searched Products', {query: 'mug'});
                    analytics.track('viewed_product_category', {category: 'Teaware'});
                    analytics.track('Started Checkout', {products: []});
                    analytics.track('completed_order', {order_id: 'O'});
                    analytics.track('Product Viewed Twice', {name: 'Mug'});
                    analytics.track('Product  Viewed', {name: 'Mug'});""");
            String viewed = "[\"track\", \"Viewed Product\", {\"ProductName\": \"Mug\", \"Categories\": []}]";
            page.assertKlaviyoCommands(ACCOUNT, viewed, viewed, viewed,
                    "[\"track\", \"Searched Site\", {\"SearchTerm\": \"mug\"}]",
                    "[\"track\", \"Viewed Category\", {\"CategoryName\": \"Teaware\"}]",
                    "[\"track\", \"Started Checkout\", {\"ItemNames\": [], \"Categories\": [], \"Items\": []}]",
                    """
                    ["track", "Placed Order", {"$event_id": "O", "OrderId": "O", "Categories": [], "ItemNames": [],
                      "Brands": [], "Items": []}]""",
                    // Not Segment's names: as any track.
                    "[\"track\", \"Product Viewed Twice\", {\"name\": \"Mug\"}]",
                    "[\"track\", \"Product  Viewed\", {\"name\": \"Mug\"}]");
        }
    }

    // ---- The cart's rules ---------------------------------------------------------------------------

    @Test
    void anotherCartIdStartsANewCartAndACartWithoutOneTakesTheEvents() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("analytics.track('Product Added', {" + TEA + "});\n"
                    + "analytics.track('Product Added', {cart_id: 'C1', " + POT + "});\n"
                    + "analytics.track('Product Added', {cart_id: 'C2', " + TEA + "});\n"
                    // An event without a cart_id keeps the remembered one.
                    + "analytics.track('Product Added', {" + POT + "});\n"
                    + "analytics.track('Product Added', {cart_id: 'C2', " + MUG + "});");
            String c1 = ", \"cart_id\": \"C1\"}]";
            String c2 = ", \"cart_id\": \"C2\"}]";
            page.assertKlaviyoCommands(ACCOUNT,
                    teaAdded("12.5", "[\"Tea\"]", "[\"Earl Grey\"]", item(TEA_ITEM, 1, 12.5)),
                    withCartId(potAdded("34.5", "[\"Teaware\", \"Tea\"]", "[\"Earl Grey\", \"Glass teapot\"]",
                            item(TEA_ITEM, 1, 12.5) + ", " + item(POT_ITEM, 1, 22)), "C1"),
                    withCartId(teaAdded("12.5", "[\"Tea\"]", "[\"Earl Grey\"]", item(TEA_ITEM, 1, 12.5)), "C2"),
                    potAdded("34.5", "[\"Teaware\", \"Tea\"]", "[\"Earl Grey\", \"Glass teapot\"]",
                            item(TEA_ITEM, 1, 12.5) + ", " + item(POT_ITEM, 1, 22)),
                    """
                    ["track", "Added to Cart", {"$value": 34.6, "AddedItemProductName": "Mug", "AddedItemProductID": "P3",
                      "AddedItemCategories": ["Teaware", "Tea"], "AddedItemPrice": 0.1, "AddedItemQuantity": 1,
                      "ItemNames": ["Earl Grey", "Glass teapot", "Mug"], "Items": [""" + item(TEA_ITEM, 1, 12.5) + ", "
                            + item(POT_ITEM, 1, 22) + ", " + item(MUG_ITEM, 1, 0.1) + "]" + c2);
            assertEquals(JsonText.canonical("{\"v\": 1, \"cart\": \"C2\", \"items\": [" + TEA_STORED + ", " + POT_STORED
                    + ", {\"product_id\": \"P3\", \"name\": \"Mug\", \"price\": 0.1, \"quantity\": 1, \"category\": \"Teaware\"}]}"),
                    storedCart(page));
        }
    }

    @Test
    void theCartHoldsAtMostAHundredItemsTheOldestGoFirst() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("""
                    var products = [];
                    for (var i = 1; i <= 101; i++) products.push({product_id: 'P' + i, price: 1});
                    analytics.track('Cart Viewed', {products: products});
                    analytics.track('Product Added', {product_id: 'P102', price: 1});""");
            List<String> products = new ArrayList<>();
            List<String> items = new ArrayList<>();
            for (int i = 1; i <= 102; i++) {
                products.add("{\"product_id\": \"P" + i + "\", \"price\": 1}");
                items.add("{\"ProductID\": \"P" + i + "\", \"Quantity\": 1, \"ItemPrice\": 1, \"RowTotal\": 1,"
                        + " \"ProductCategories\": []}");
            }
            page.assertKlaviyoCommands(ACCOUNT,
                    "[\"track\", \"Cart Viewed\", {\"products\": [" + String.join(", ", products.subList(0, 101)) + "]}]",
                    "[\"track\", \"Added to Cart\", {\"$value\": 100, \"AddedItemProductID\": \"P102\","
                            + " \"AddedItemCategories\": [], \"AddedItemPrice\": 1, \"AddedItemQuantity\": 1,"
                            + " \"ItemNames\": [], \"Items\": [" + String.join(", ", items.subList(2, 102)) + "]}]");
        }
    }

    private static final String TEA_STORED = """
            {"product_id": "P1", "sku": "S1", "name": "Earl Grey", "price": 12.5, "quantity": 1,
             "url": "https://shop.example/earl-grey", "image_url": "https://shop.example/earl-grey.jpg", "category": "Tea"}""";
    private static final String POT_STORED = """
            {"product_id": "P2", "sku": "S2", "name": "Glass teapot", "price": 22, "quantity": 1,
             "url": "https://shop.example/teapot", "image_url": "https://shop.example/teapot.jpg", "category": "Teaware"}""";

    @Test
    void theTabKeepsTheCartInSessionStorageWithProductFieldsOnly() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("analytics.track('Product Added', {cart_id: 'C1', " + TEA + ", brand: 'Leaf & Co',"
                    + " variant: 'loose', email: 'ann@example.com', coupon: 'TEA10'});");
            page.awaitKlaviyoCommands(2);
            assertEquals(JsonText.canonical("{\"v\": 1, \"cart\": \"C1\", \"items\": [" + TEA_STORED + "]}"), storedCart(page));
            assertEquals("null", page.text("localStorage.getItem('" + CART_KEY + "')"), "nothing in localStorage");
        }
    }

    @Test
    void theCartSurvivesAPageLoadInTheSameTab() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("analytics.track('Product Added', {cart_id: 'C1', " + TEA + ", quantity: 2});");
            page.awaitKlaviyoCommands(2);
            page.reload();
            page.whenReady("analytics.track('Product Added', {cart_id: 'C1', " + POT + "});");
            page.assertKlaviyoCommands(ACCOUNT,
                    withCartId(potAdded("47", "[\"Teaware\", \"Tea\"]", "[\"Earl Grey\", \"Glass teapot\"]",
                            item(TEA_ITEM, 2, 25) + ", " + item(POT_ITEM, 1, 22)), "C1"));
            // The next page starts the checkout of the cart it never saw an event of.
            page.reload();
            page.whenReady("analytics.track('Checkout Started', {cart_id: 'C1'}, " + AT + ");");
            page.assertKlaviyoCommands(ACCOUNT,
                    "[\"track\", \"Started Checkout\", {\"$event_id\": \"C1_" + SECONDS + "\", \"$value\": 47,"
                            + " \"ItemNames\": [\"Earl Grey\", \"Glass teapot\"], \"Categories\": [\"Tea\", \"Teaware\"],"
                            + " \"Items\": [" + item(TEA_ITEM, 2, 25) + ", " + item(POT_ITEM, 1, 22) + "]}]");
        }
    }

    @Test
    void aLogoutForgetsTheCartAfterTheCallsMadeBeforeIt() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            // One tick: the additions before the reset fill the person's cart; the one after starts the
            // next person's, with nothing of the last one's.
            page.whenReady("analytics.track('Product Added', {" + TEA + "});\n"
                    + "analytics.track('Product Added', {" + POT + "});\n"
                    + "analytics.reset();\n"
                    + "analytics.track('Product Added', {" + MUG + "});");
            page.assertKlaviyoCommands(ACCOUNT,
                    teaAdded("12.5", "[\"Tea\"]", "[\"Earl Grey\"]", item(TEA_ITEM, 1, 12.5)),
                    potAdded("34.5", "[\"Teaware\", \"Tea\"]", "[\"Earl Grey\", \"Glass teapot\"]",
                            item(TEA_ITEM, 1, 12.5) + ", " + item(POT_ITEM, 1, 22)),
                    "[\"clearIdentity\"]",
                    """
                    ["track", "Added to Cart", {"$value": 0.1, "AddedItemProductName": "Mug", "AddedItemProductID": "P3",
                      "AddedItemCategories": ["Teaware"], "AddedItemPrice": 0.1, "AddedItemQuantity": 1,
                      "ItemNames": ["Mug"], "Items": [""" + item(MUG_ITEM, 1, 0.1) + "]}]");
            assertEquals(JsonText.canonical("{\"v\": 1, \"items\": [{\"product_id\": \"P3\", \"name\": \"Mug\","
                    + " \"price\": 0.1, \"quantity\": 1, \"category\": \"Teaware\"}]}"), storedCart(page));
        }
    }

    @Test
    void aCartStoredAsTheDestinationWritesItIsRead() {
        String stored = "{\"v\": 1, \"cart\": \"C0\", \"items\": [" + POT_STORED + "]}";
        try (HostPage page = HostPage.analyticsNext(ON, HostPage.prelude(storeCart(stored)))) {
            page.whenReady("analytics.track('Product Added', {cart_id: 'C0', " + TEA + "});");
            page.assertKlaviyoCommands(ACCOUNT,
                    withCartId(teaAdded("34.5", "[\"Tea\", \"Teaware\"]", "[\"Glass teapot\", \"Earl Grey\"]",
                            item(POT_ITEM, 1, 22) + ", " + item(TEA_ITEM, 1, 12.5)), "C0"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not JSON {",
        "[]",
        "\"a text\"",
        "{\"items\": [OLD]}",
        "{\"v\": 2, \"items\": [OLD]}",
        "{\"v\": \"1\", \"items\": [OLD]}",
        "{\"v\": 1, \"items\": {\"0\": OLD}}",
        "{\"v\": 1, \"cart\": {\"id\": \"C0\"}, \"items\": [OLD]}",
        "{\"v\": 1, \"items\": [OLD, 5]}",
        "{\"v\": 1, \"items\": [OLD, {\"product_id\": \"P9\", \"quantity\": \"2\"}]}",
        "{\"v\": 1, \"items\": [OLD, {\"product_id\": \"P9\"}]}",
        "{\"v\": 1, \"items\": HUNDRED_AND_ONE}"})
    void aStoredValueThatIsNotTheDestinationsStartsAnEmptyCart(String stored) {
        String old = "{\"product_id\": \"OLD\", \"name\": \"Old\", \"price\": 1, \"quantity\": 1}";
        String hundredAndOne = "[" + String.join(", ", java.util.Collections.nCopies(101, old)) + "]";
        String value = stored.replace("OLD", old).replace("HUNDRED_AND_ONE", hundredAndOne);
        try (HostPage page = HostPage.analyticsNext(ON, HostPage.prelude(storeCart(value)))) {
            page.whenReady("analytics.track('Product Added', {" + TEA + "});");
            page.assertKlaviyoCommands(ACCOUNT, teaAdded("12.5", "[\"Tea\"]", "[\"Earl Grey\"]", item(TEA_ITEM, 1, 12.5)));
            assertEquals(JsonText.canonical("{\"v\": 1, \"items\": [" + TEA_STORED + "]}"), storedCart(page));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // Reading sessionStorage throws, as in sandboxed frames and with cookies blocked.
        "Object.defineProperty(window, 'sessionStorage', {configurable: true, get: function () {"
                + " throw new Error('storage is blocked'); }});",
        // No sessionStorage at all.
        "Object.defineProperty(window, 'sessionStorage', {configurable: true, value: null});",
        // Writes throw, as with a full quota or older Safari's private mode (sessionStorage only: Analytics
        // Next itself does not load when localStorage throws so).
        "var real = window.sessionStorage; Object.defineProperty(window, 'sessionStorage', {configurable: true,"
                + " value: {getItem: function (k) { return real.getItem(k); }, removeItem: function (k) { real.removeItem(k); },"
                + " setItem: function () { throw new Error('QuotaExceededError'); }}});",
        // Reads throw, writes work.
        "var real = window.sessionStorage; Object.defineProperty(window, 'sessionStorage', {configurable: true,"
                + " value: {getItem: function () { throw new Error('SecurityError'); }, removeItem: function (k) { real.removeItem(k); },"
                + " setItem: function (k, v) { real.setItem(k, v); }}});"})
    void storageThatThrowsOrIsMissingKeepsTheCartInMemoryForThePage(String prelude) {
        try (HostPage page = HostPage.analyticsNext(ON, HostPage.prelude(prelude))) {
            page.whenReady("analytics.track('Product Added', {" + TEA + "});\n"
                    + "analytics.track('Product Added', {" + POT + "});\n"
                    + "analytics.track('Product Added', {" + TEA + "});");
            page.assertKlaviyoCommands(ACCOUNT,
                    teaAdded("12.5", "[\"Tea\"]", "[\"Earl Grey\"]", item(TEA_ITEM, 1, 12.5)),
                    potAdded("34.5", "[\"Teaware\", \"Tea\"]", "[\"Earl Grey\", \"Glass teapot\"]",
                            item(TEA_ITEM, 1, 12.5) + ", " + item(POT_ITEM, 1, 22)),
                    teaAdded("47", "[\"Tea\", \"Teaware\"]", "[\"Earl Grey\", \"Glass teapot\"]",
                            item(TEA_ITEM, 2, 25) + ", " + item(POT_ITEM, 1, 22)));
        }
    }

    // ---- The setting --------------------------------------------------------------------------------

    /** Each event of the table, and the cart's. */
    private static final String SHOPPING = "analytics.track('Product Viewed', {" + TEA + ", revenue: 12.5});\n"
            + "analytics.track('Product Added', {cart_id: 'C1', " + TEA + "});\n"
            + "analytics.track('Product Removed', {cart_id: 'C1', product_id: 'P1', sku: 'S1'});\n"
            + "analytics.track('Cart Viewed', {cart_id: 'C1', products: []});\n"
            + "analytics.track('Checkout Started', {checkout_id: 'K1', value: 12.5, products: [{" + TEA + "}]}, " + AT + ");\n"
            + "analytics.track('Product List Viewed', {list_id: 'L-tea', category: 'Tea'});\n"
            + "analytics.track('Products Searched', {query: 'earl grey'});\n"
            + ShopEvents.COMPLETED_ORDER;
    private static final String TEA_JSON = "\"product_id\": \"P1\", \"sku\": \"S1\", \"name\": \"Earl Grey\","
            + " \"category\": \"Tea\", \"price\": 12.5, \"url\": \"https://shop.example/earl-grey\","
            + " \"image_url\": \"https://shop.example/earl-grey.jpg\"";

    @Test
    void withTheSettingOffEveryEventReachesKlaviyoAsTheClassicSentIt() {
        try (HostPage page = HostPage.analyticsNext(ShopEvents.SETTINGS)) {
            page.whenReady(SHOPPING);
            page.assertKlaviyoCommands(ACCOUNT,
                    "[\"track\", \"Product Viewed\", {" + TEA_JSON + ", \"$value\": 12.5}]",
                    "[\"track\", \"Product Added\", {\"cart_id\": \"C1\", " + TEA_JSON + "}]",
                    "[\"track\", \"Product Removed\", {\"cart_id\": \"C1\", \"product_id\": \"P1\", \"sku\": \"S1\"}]",
                    "[\"track\", \"Cart Viewed\", {\"cart_id\": \"C1\", \"products\": []}]",
                    "[\"track\", \"Checkout Started\", {\"checkout_id\": \"K1\", \"value\": 12.5, \"products\": [{"
                            + TEA_JSON + "}]}]",
                    "[\"track\", \"Product List Viewed\", {\"list_id\": \"L-tea\", \"category\": \"Tea\"}]",
                    "[\"track\", \"Products Searched\", {\"query\": \"earl grey\"}]",
                    ShopEvents.ORDER, ShopEvents.ORDERED_MONOPOLY, ShopEvents.ORDERED_SUH_DUDE);
            assertEquals("null", page.text("sessionStorage.getItem('" + CART_KEY + "')"), "no cart remembered");
        }
    }

    /** What SHOPPING becomes with the setting on. */
    private static final String[] METRICS = {ACCOUNT,
        "[\"track\", \"Viewed Product\", {\"ProductName\": \"Earl Grey\", \"ProductID\": \"P1\", \"SKU\": \"S1\","
            + " \"Categories\": [\"Tea\"], \"ImageURL\": \"https://shop.example/earl-grey.jpg\","
            + " \"URL\": \"https://shop.example/earl-grey\", \"Price\": 12.5, \"$value\": 12.5}]",
        "[\"trackViewedItem\", {\"Title\": \"Earl Grey\", \"ItemId\": \"P1\", \"Categories\": [\"Tea\"],"
            + " \"ImageUrl\": \"https://shop.example/earl-grey.jpg\", \"Url\": \"https://shop.example/earl-grey\","
            + " \"Metadata\": {\"Price\": 12.5}}]",
        withCartId(teaAdded("12.5", "[\"Tea\"]", "[\"Earl Grey\"]", item(TEA_ITEM, 1, 12.5)), "C1"),
        "[\"track\", \"Product Removed\", {\"cart_id\": \"C1\", \"product_id\": \"P1\", \"sku\": \"S1\"}]",
        "[\"track\", \"Cart Viewed\", {\"cart_id\": \"C1\", \"products\": []}]",
        "[\"track\", \"Started Checkout\", {\"$event_id\": \"K1_" + SECONDS + "\", \"$value\": 12.5,"
            + " \"ItemNames\": [\"Earl Grey\"], \"Categories\": [\"Tea\"], \"Items\": [" + item(TEA_ITEM, 1, 12.5) + "]}]",
        "[\"track\", \"Viewed Category\", {\"CategoryName\": \"Tea\", \"CategoryID\": \"L-tea\"}]",
        "[\"track\", \"Searched Site\", {\"SearchTerm\": \"earl grey\"}]",
        """
        ["track", "Placed Order", {"$event_id": "50314b8e9bcf000000000000", "$value": 25,
          "OrderId": "50314b8e9bcf000000000000", "Categories": ["Games", "Interwebs"],
          "ItemNames": ["Monopoly: 3rd Edition", "Suh dude"], "Brands": [], "DiscountCode": "hasbros",
          "DiscountValue": 2.5, "Items": [
            {"ProductID": "507f1f77bcf86cd799439011", "SKU": "45790-32", "ProductName": "Monopoly: 3rd Edition",
             "Quantity": 1, "ItemPrice": 19, "RowTotal": 19, "ProductURL": "http://www.example.com/path/to/product",
             "ImageURL": "http://www.example.com/path/to/product/image.png", "Categories": ["Games"]},
            {"ProductID": "505bd76785ebb509fc183733", "SKU": "46493-32", "ProductName": "Suh dude", "Quantity": 2,
             "ItemPrice": 17.38, "RowTotal": 34.76, "Categories": ["Interwebs"]}],
          "total": 30, "shipping": 3, "tax": 2, "currency": "USD"}]""",
        """
        ["track", "Ordered Product", {"$event_id": "50314b8e9bcf000000000000_507f1f77bcf86cd799439011", "$value": 19,
          "OrderId": "50314b8e9bcf000000000000", "ProductName": "Monopoly: 3rd Edition",
          "ProductID": "507f1f77bcf86cd799439011", "SKU": "45790-32", "Categories": ["Games"],
          "ImageURL": "http://www.example.com/path/to/product/image.png",
          "ProductURL": "http://www.example.com/path/to/product", "Quantity": 1}]""",
        """
        ["track", "Ordered Product", {"$event_id": "50314b8e9bcf000000000000_505bd76785ebb509fc183733",
          "$value": 34.76, "OrderId": "50314b8e9bcf000000000000", "ProductName": "Suh dude",
          "ProductID": "505bd76785ebb509fc183733", "SKU": "46493-32", "Categories": ["Interwebs"], "Quantity": 2}]"""};

    @Test
    void withTheSettingOnFromTheCdnSettingsEachEventBecomesKlaviyosMetric() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady(SHOPPING);
            page.assertKlaviyoCommands(METRICS);
            // The order emptied the cart.
            assertEquals(JsonText.canonical("{\"v\": 1, \"items\": []}"), storedCart(page));
        }
    }

    @Test
    void theSettingCanComeFromAnalyticsLoadOptionsWhichAnalyticsNextMergesIntoTheCdnSettings() {
        try (HostPage page = HostPage.analyticsNext(ShopEvents.SETTINGS,
                HostPage.loadOptions("{integrations: {Klaviyo: {klaviyoEcommerceMetrics: true}}}"))) {
            page.whenReady(SHOPPING);
            page.assertKlaviyoCommands(METRICS);
        }
    }

    @Test
    void theSettingCanComeFromAnalyticsCoreInitialize() {
        try (HostPage page = HostPage.analyticsCore(ON)) {
            page.whenReady("analytics.track('Product Viewed', {" + TEA + ", revenue: 12.5});\n"
                    + "analytics.track('Product Added', {cart_id: 'C1', " + TEA + "});");
            page.assertKlaviyoCommands(METRICS[0], METRICS[1], METRICS[2], METRICS[3]);
        }
    }

    @Test
    void theSettingCanComeFromThePluginsSettings() {
        try (HostPage page = HostPage.analyticsNextPlugin(ON)) {
            page.whenReady(SHOPPING);
            page.assertKlaviyoCommands(METRICS);
        }
    }

    // ---- Helpers ------------------------------------------------------------------------------------

    /** A prelude script storing a text under the cart's key before the page's scripts run. */
    private static String storeCart(String text) {
        return "sessionStorage.setItem('" + CART_KEY + "', " + JsonText.quote(text) + ");";
    }

    /** The cart the tab remembers, as canonical JSON. */
    private static String storedCart(HostPage page) {
        return JsonText.canonical(page.text("sessionStorage.getItem('" + CART_KEY + "')"));
    }
}
