package destination.klaviyo.core;

/**
 * The facade fields the destination reads, by their normalised names. They live apart from
 * {@link Key}, so that Key's own methods, called for every character of every key, carry no static
 * initialisation check.
 */
final class FacadeKeys {
    private FacadeKeys() {
    }

    static final Key ADDRESS = new Key("address");
    static final Key AVATAR = new Key("avatar");
    static final Key CATEGORY = new Key("category");
    static final Key CITY = new Key("city");
    static final Key COMPANY = new Key("company");
    static final Key COUNTRY = new Key("country");
    static final Key EMAIL = new Key("email");
    static final Key EXCHANGEID = new Key("exchangeid");
    static final Key FIRSTNAME = new Key("firstname");
    static final Key ID = new Key("id");
    static final Key IMAGEURL = new Key("imageurl");
    static final Key LASTNAME = new Key("lastname");
    static final Key LINE1 = new Key("line1");
    static final Key LINE2 = new Key("line2");
    static final Key NAME = new Key("name");
    static final Key ORDERID = new Key("orderid");
    static final Key PHONE = new Key("phone");
    static final Key PHONENUMBER = new Key("phonenumber");
    static final Key PHONES = new Key("phones");
    static final Key POSTALCODE = new Key("postalcode");
    static final Key PRICE = new Key("price");
    static final Key PRODUCTID = new Key("productid");
    static final Key PRODUCTS = new Key("products");
    static final Key PRODUCTURL = new Key("producturl");
    static final Key QUANTITY = new Key("quantity");
    static final Key REGION = new Key("region");
    static final Key REVENUE = new Key("revenue");
    static final Key SKU = new Key("sku");
    static final Key STATE = new Key("state");
    static final Key STREET = new Key("street");
    static final Key TIMEZONE = new Key("timezone");
    static final Key TITLE = new Key("title");
    static final Key TOTAL = new Key("total");
    static final Key ZIP = new Key("zip");
}
