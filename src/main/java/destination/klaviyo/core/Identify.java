package destination.klaviyo.core;

/**
 * identify → a Klaviyo profile: the traits, with Klaviyo's special properties filled in.
 * https://help.klaviyo.com/hc/en-us/articles/115005084927 (special properties)
 * https://developers.klaviyo.com/en/docs/javascript_api#identify
 *
 * <p>As the classic destination did, through the facade's {@code traits(aliases)}: {@code $id} is the
 * userId, {@code $email} is traits.email or an email-like userId, and firstName, lastName, phone, title
 * and exchangeId move to their {@code $} names (found ignoring case and punctuation; only the exact
 * camelCase key is removed, as the facade's {@code delete ret[alias]} does). A value moves only when it
 * is there: a null trait stays a trait, as the facade skips null values. Segment's documentation of
 * the destination adds phoneNumber and copies of the address, company, avatar and timezone into
 * Klaviyo's special properties ("the same for all of Klaviyo's special people properties"):
 * https://segment.com/docs/connections/destinations/catalog/klaviyo/#identify
 */
final class Identify {
    /** The facade's test for an email address, for a userId that may be one. */
    static final String EMAIL_PATTERN = ".+@.+\\..+";

    /**
     * identify → a Klaviyo profile: $id is the userId (or the traits' id), $email the traits' email or a
     * userId that is one (or, for trackByEmail, an email the rule gives), and the traits' aliases move
     * to Klaviyo's special properties. With enforceEmail only $email identifies: the userId is a custom
     * property id, and $id is never sent. https://developers.klaviyo.com/en/docs/javascript_api#identify
     *
     * <p>The copies (a name ending in ?) come from Segment's documentation of the destination and never
     * replace a $ property the traits have themselves. _phone is not sent: it is the phone a list
     * subscription may subscribe to SMS. https://help.klaviyo.com/hc/en-us/articles/115005084927
     * https://segment.com/docs/connections/destinations/catalog/klaviyo/#identify
     */
    static final String PROFILE = """
            from traits
            given enforceEmail email userId
            $email          email:known | @email | @userId:email        -=email
            $exchange_id    exchangeId:id                               -=exchangeId
            $id             @userId | id:id                             -=id    unless enforceEmail
            id              @userId                                     -=id    when enforceEmail
            _phone          phone:truthy | phoneNumber:truthy  >string
            $first_name     firstName:clean | name:before               -=firstName
            $last_name      lastName:clean | name:after                 -=lastName
            $phone_number   phone:truthy | phoneNumber:truthy | phones:first   -=phone -=phoneNumber
            $title          title:present                               -=title
            $city?          address.city:truthy
            $region?        address.state:truthy | address.region:truthy
            $country?       address.country:truthy
            $zip?           address.postalCode:truthy | address.zip:truthy
            $address1?      address.street:truthy | address.line1:truthy
            $address2?      address.line2:truthy
            $organization?  company.name:truthy | company:string
            $image?         avatar:truthy
            $timezone?      timezone:truthy
            drop =$id  when enforceEmail
            require $id $email $exchange_id  unless enforceEmail
            require $email  when enforceEmail
            keep $email _phone
            rest
            """;

    private final Rules rules;

    Identify(Rules rules) {
        this.rules = rules;
    }

    /** The profile to send, or {@link Values#NO_VALUE} when the message names nobody. */
    int profile(Message message, boolean enforceEmail, Commands out) {
        int made = rules.identifyProfile(rules.traits(message.traits), message.traits, /* enforceEmail */ enforceEmail,
                /* email */ Values.NO_VALUE, /* userId */ message.userId);
        if (made == Values.NO_VALUE) {
            out.skip(enforceEmail ? "identify has no email (enforceEmail is on)"
                    : "identify has no userId, email or exchange id");
        }
        return made;
    }

    /** The $email of the last profile made, or {@link Values#NO_VALUE}. */
    int email() {
        return rules.identifyProfileEmail;
    }

    /** The phone of the last profile made, for a list subscription: phone, else phoneNumber, when a string. */
    int phone() {
        return rules.identifyProfilePhone;
    }

    /**
     * The profile for someone known only by an email, as trackByEmail sends it: the profile of
     * identify(userId) for a userId that is an email ({@code {$email, $id}}, with enforceEmail
     * {@code {$email, id}}), or {@code {$email}} for an event's email property (userId
     * {@link Values#NO_VALUE}).
     */
    int ofEmail(int email, int userId, boolean enforceEmail) {
        return rules.identifyProfile(rules.traits(Values.NO_VALUE), Values.NO_VALUE, /* enforceEmail */ enforceEmail,
                /* email */ email, /* userId */ userId);
    }
}
