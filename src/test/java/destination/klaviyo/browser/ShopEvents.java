package destination.klaviyo.browser;

/**
 * The calls a shop page makes in the host tests, as JavaScript, and the Klaviyo commands each must
 * become, as JSON. The same for every host: the destination maps the raw message, whichever
 * library hands it over.
 */
final class ShopEvents {
    static final String API_KEY = "hfWBjc";
    /** The destination's settings: the public key only. */
    static final String SETTINGS = "{\"apiKey\": \"hfWBjc\"}";
    /** The first command of every page: Klaviyo's account, before anything else. */
    static final String ACCOUNT = "[\"account\", \"hfWBjc\"]";
    static final String KLAVIYO_SCRIPT_FOR_KEY = HostPage.KLAVIYO_SCRIPT + "?company_id=hfWBjc";

    static final String IDENTIFY = "analytics.identify('id', {email: 'name@example.com', firstName: 'first',"
            + " lastName: 'last', phone: 'phone', title: 'title'});";
    static final String PROFILE = """
            ["identify", {"$email": "name@example.com", "$id": "id", "$first_name": "first",
              "$last_name": "last", "$phone_number": "phone", "$title": "title"}]""";

    static final String TRACK_WITH_REVENUE = "analytics.track('event', {revenue: 90});";
    static final String EVENT_WITH_VALUE = "[\"track\", \"event\", {\"$value\": 90}]";

    static final String GROUP = "analytics.group('id', {name: 'name'});";
    static final String ORGANIZATION = "[\"identify\", {\"$organization\": \"name\"}]";

    static final String COMPLETED_ORDER = """
            analytics.track('Completed Order', {
              order_id: '50314b8e9bcf000000000000', total: 30, revenue: 25, shipping: 3, tax: 2,
              discount: 2.5, coupon: 'hasbros', currency: 'USD',
              products: [
                {product_id: '507f1f77bcf86cd799439011', sku: '45790-32', name: 'Monopoly: 3rd Edition',
                 price: 19, quantity: 1, category: 'Games', productUrl: 'http://www.example.com/path/to/product',
                 imageUrl: 'http://www.example.com/path/to/product/image.png'},
                {product_id: '505bd76785ebb509fc183733', sku: '46493-32', name: 'Suh dude', price: 17.38,
                 quantity: 2, category: 'Interwebs'}
              ]
            });""";
    static final String ORDER = """
            ["track", "Completed Order", {"total": 30, "shipping": 3, "tax": 2, "discount": 2.5,
              "coupon": "hasbros", "currency": "USD", "$event_id": "50314b8e9bcf000000000000", "$value": 25,
              "Categories": ["Games", "Interwebs"], "ItemNames": ["Monopoly: 3rd Edition", "Suh dude"],
              "Items": [
                {"id": "507f1f77bcf86cd799439011", "SKU": "45790-32", "Name": "Monopoly: 3rd Edition",
                 "Quantity": 1, "ItemPrice": 19, "RowTotal": 19, "ProductURL": "http://www.example.com/path/to/product",
                 "ImageURL": "http://www.example.com/path/to/product/image.png", "Categories": ["Games"]},
                {"id": "505bd76785ebb509fc183733", "SKU": "46493-32", "Name": "Suh dude", "Quantity": 2,
                 "ItemPrice": 17.38, "RowTotal": 17.38, "Categories": ["Interwebs"]}]}]""";
    static final String ORDERED_MONOPOLY = """
            ["track", "Ordered Product", {"$value": 19, "Name": "Monopoly: 3rd Edition", "Quantity": 1,
              "ProductCategories": ["Games"], "ProductURL": "http://www.example.com/path/to/product",
              "ImageURL": "http://www.example.com/path/to/product/image.png", "SKU": "45790-32",
              "ProductID": "507f1f77bcf86cd799439011", "$event_id": "50314b8e9bcf000000000000_507f1f77bcf86cd799439011"}]""";
    static final String ORDERED_SUH_DUDE = """
            ["track", "Ordered Product", {"$value": 17.38, "Name": "Suh dude", "Quantity": 2,
              "ProductCategories": ["Interwebs"], "SKU": "46493-32", "ProductID": "505bd76785ebb509fc183733",
              "$event_id": "50314b8e9bcf000000000000_505bd76785ebb509fc183733"}]""";

    private ShopEvents() {
    }
}
