package destination.klaviyo.browser;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static destination.klaviyo.browser.ShopEvents.SETTINGS;

import org.junit.jupiter.api.Test;

/**
 * The classic destination's own test cases (the reference's section 5) and each mapping rule, end to
 * end: Segment's snippet, Analytics Next loading klaviyo.dynamic.js, the stand-in recording what
 * Klaviyo gets. Analytics Next remembers the user across identify calls, so each identify case
 * starts with {@code analytics.reset()}, as a fresh page would. A reset is a logout, which Klaviyo
 * hears at once ({@code clearIdentity}); Analytics Next delivers the calls made in the same moment
 * after it, so the logouts come first.
 */
class MappingThroughAnalyticsNextTest {
    /** What Klaviyo gets for analytics.reset(): the logout. */
    static final String CLEAR_IDENTITY = "[\"clearIdentity\"]";
    private static final String A = "product_id: '507f1f77bcf86cd799439011', sku: '45790-32',"
            + " name: 'Monopoly: 3rd Edition', price: 19, quantity: 1, category: 'Games',"
            + " productUrl: 'http://www.example.com/path/to/product',"
            + " imageUrl: 'http://www.example.com/path/to/product/image.png'";
    private static final String B = "product_id: '505bd76785ebb509fc183733', sku: '46493-32', name: 'Suh dude',"
            + " price: 17.38, quantity: 2, category: 'Interwebs'";
    private static final String O = "order_id: '50314b8e9bcf000000000000', total: 30, shipping: 3, tax: 2,"
            + " discount: 2.5, coupon: 'hasbros', currency: 'USD'";
    private static final String ITEM_A = """
            {"id": "507f1f77bcf86cd799439011", "SKU": "45790-32", "Name": "Monopoly: 3rd Edition", "Quantity": 1,
             "ItemPrice": 19, "RowTotal": 19, "ProductURL": "http://www.example.com/path/to/product",
             "ImageURL": "http://www.example.com/path/to/product/image.png", "Categories": ["Games"]""";
    private static final String ORDERED_A = """
            ["track", "Ordered Product", {"$event_id": "50314b8e9bcf000000000000_507f1f77bcf86cd799439011",
              "$value": 19, "Name": "Monopoly: 3rd Edition", "Quantity": 1, "ProductCategories": ["Games"],
              "ProductURL": "http://www.example.com/path/to/product",
              "ImageURL": "http://www.example.com/path/to/product/image.png", "SKU": "45790-32",
              "ProductID": "507f1f77bcf86cd799439011\"""";

    @Test
    void theReferenceIdentifyAndGroupCases() {
        try (HostPage page = HostPage.analyticsNext(SETTINGS)) {
            page.whenReady("""
                    analytics.identify('id');
                    analytics.reset(); analytics.identify({trait: true});
                    analytics.reset(); analytics.identify('horseRadish', {email: 'horses@horses.com', foo: true});
                    analytics.reset(); analytics.identify(undefined, {$exchange_id: 'exchange-id', foo: true});
                    analytics.reset(); analytics.identify('id', {email: 'name@example.com', firstName: 'first',
                        lastName: 'last', phone: 'phone', title: 'title'});
                    analytics.group('id', {name: 'name'});""");
            page.assertKlaviyoCommands(ACCOUNT, CLEAR_IDENTITY, CLEAR_IDENTITY, CLEAR_IDENTITY, CLEAR_IDENTITY,
                    "[\"identify\", {\"$id\": \"id\"}]",
                    "[\"identify\", {\"$id\": \"horseRadish\", \"$email\": \"horses@horses.com\", \"foo\": true}]",
                    "[\"identify\", {\"$exchange_id\": \"exchange-id\", \"foo\": true}]",
                    """
                    ["identify", {"$id": "id", "$email": "name@example.com", "$first_name": "first",
                      "$last_name": "last", "$phone_number": "phone", "$title": "title"}]""",
                    "[\"identify\", {\"$organization\": \"name\"}]");
        }
    }

    @Test
    void theReferenceTrackCases() {
        try (HostPage page = HostPage.analyticsNext(SETTINGS)) {
            page.whenReady("""
                    analytics.track('event');
                    analytics.track('event', {property: true});
                    analytics.track('event', {revenue: 90});""");
            page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"event\", {}]",
                    "[\"track\", \"event\", {\"property\": true}]", "[\"track\", \"event\", {\"$value\": 90}]");
        }
    }

    @Test
    void theReferenceOrderCasesWithIdSkuAndCustomProperties() {
        try (HostPage page = HostPage.analyticsNext(SETTINGS)) {
            page.whenReady("analytics.track('Completed Order', {" + O + ", revenue: 25, products: [{"
                    + A.replace("product_id:", "id:") + "}]});\n"
                    + "analytics.track('Completed Order', {" + O + ", revenue: 25, products: [{"
                    + A.replace("product_id: '507f1f77bcf86cd799439011', ", "") + "}]});\n"
                    + "analytics.track('Completed Order', {" + O + ", letMePass: 'hi', customProp: true, products: [{"
                    + A + ", customItemProp: 'glenncoco', friday: 'is here'}, {" + B + ", pikachu: 'pika'}]});");
            String order = """
                    ["track", "Completed Order", {"$event_id": "50314b8e9bcf000000000000", "$value": 25,
                      "Categories": ["Games"], "ItemNames": ["Monopoly: 3rd Edition"], "total": 30, "shipping": 3,
                      "tax": 2, "discount": 2.5, "coupon": "hasbros", "currency": "USD", "Items": [ITEM]}]""";
            page.assertKlaviyoCommands(ACCOUNT,
                    order.replace("ITEM", ITEM_A + "}"),
                    ORDERED_A + "}]",
                    order.replace("ITEM", ITEM_A.replace("\"id\": \"507f1f77bcf86cd799439011\", ", "") + "}"),
                    ORDERED_A.replace("_507f1f77bcf86cd799439011", "_45790-32")
                            .replace(",\n  \"ProductID\": \"507f1f77bcf86cd799439011\"", "")
                            .replace(", \"ProductID\": \"507f1f77bcf86cd799439011\"", "") + "}]",
                    """
                    ["track", "Completed Order", {"$event_id": "50314b8e9bcf000000000000", "$value": 30,
                      "Categories": ["Games", "Interwebs"], "ItemNames": ["Monopoly: 3rd Edition", "Suh dude"],
                      "total": 30, "shipping": 3, "tax": 2, "discount": 2.5, "coupon": "hasbros", "currency": "USD",
                      "letMePass": "hi", "customProp": true, "Items": [""" + ITEM_A
                            + ", \"customItemProp\": \"glenncoco\", \"friday\": \"is here\"}, "
                            + """
                    {"id": "505bd76785ebb509fc183733", "SKU": "46493-32", "Name": "Suh dude", "Quantity": 2,
                      "ItemPrice": 17.38, "RowTotal": 17.38, "Categories": ["Interwebs"], "pikachu": "pika"}]}]""",
                    ORDERED_A + ", \"customItemProp\": \"glenncoco\", \"friday\": \"is here\"}]",
                    """
                    ["track", "Ordered Product", {"$event_id": "50314b8e9bcf000000000000_505bd76785ebb509fc183733",
                      "$value": 17.38, "Name": "Suh dude", "Quantity": 2, "ProductCategories": ["Interwebs"],
                      "SKU": "46493-32", "ProductID": "505bd76785ebb509fc183733", "pikachu": "pika"}]""");
        }
    }

    @Test
    void identifyFillsTheSeedsSpecialPropertiesAndSplitsTheName() {
        try (HostPage page = HostPage.analyticsNext(SETTINGS)) {
            page.whenReady("""
                    analytics.identify('u1', {name: ' Ada King Lovelace ', phones: ['+441', '+442'],
                      address: {street: '12 Row', city: 'London', state: 'LDN', postalCode: 'N1', country: 'UK'},
                      company: {name: 'Engines Ltd'}, avatar: 'https://x/a.png', timezone: 'Europe/London',
                      order_completed_last_30days: true});
                    analytics.reset(); analytics.identify('u2', {phoneNumber: '+443', company: 'Acme', $city: 'Paris',
                      address: {city: 'Lyon'}});""");
            page.assertKlaviyoCommands(ACCOUNT, CLEAR_IDENTITY, """
                    ["identify", {"$id": "u1", "name": " Ada King Lovelace ", "phones": ["+441", "+442"],
                      "address": {"street": "12 Row", "city": "London", "state": "LDN", "postalCode": "N1", "country": "UK"},
                      "company": {"name": "Engines Ltd"}, "avatar": "https://x/a.png", "timezone": "Europe/London",
                      "order_completed_last_30days": true, "$first_name": "Ada", "$last_name": "King Lovelace",
                      "$phone_number": "+441", "$address1": "12 Row", "$city": "London", "$region": "LDN",
                      "$zip": "N1", "$country": "UK", "$organization": "Engines Ltd", "$image": "https://x/a.png",
                      "$timezone": "Europe/London"}]""", """
                    ["identify", {"$id": "u2", "$phone_number": "+443", "company": "Acme", "$city": "Paris",
                      "address": {"city": "Lyon"}, "$organization": "Acme"}]""");
        }
    }

    @Test
    void anEmailUserIdNumbersAndDatesReadAsJavaScriptWritesThem() {
        // Analytics Next's facades turn ISO-8601 strings into Dates; Klaviyo gets ISO strings back.
        // (Analytics Next itself drops a track whose event is not a string: that case is on the bare page.)
        try (HostPage page = HostPage.analyticsNext(SETTINGS)) {
            page.whenReady("""
                    analytics.identify('han@segment.com', {created: '2024-05-01T10:00:00.000Z'});
                    analytics.track('Viewed', {at: new Date(Date.UTC(2024, 0, 2)), revenue: '$12.50', total: 1e21});
                    analytics.track('Order Completed', {orderId: 1001, products: [{productId: 7, price: 2.5}]});
                    analytics.page('Home'); analytics.alias('new-id');""");
            page.assertKlaviyoCommands(ACCOUNT, """
                    ["identify", {"$id": "han@segment.com", "$email": "han@segment.com",
                      "created": "2024-05-01T10:00:00.000Z"}]""", """
                    ["track", "Viewed", {"at": "2024-01-02T00:00:00.000Z", "$value": 12.5, "total": 1e21}]""", """
                    ["track", "Order Completed", {"$event_id": 1001, "Categories": [], "ItemNames": [],
                      "Items": [{"id": 7, "Quantity": 1, "ItemPrice": 2.5, "RowTotal": 2.5, "Categories": []}]}]""", """
                    ["track", "Ordered Product", {"$event_id": "1001_7", "$value": 2.5, "Quantity": 1,
                      "ProductCategories": [], "ProductID": 7}]""");
        }
    }
}
