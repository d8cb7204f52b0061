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

    /** Who the profile is: $id is the userId, or the traits' id. */
    static final String PROFILE = """
            $email          email:known | @userId:email         -=email
            $exchange_id    exchangeId:id                       -=exchangeId
            $id             @userId | id:id                     -=id
            """ + Identify.PERSON + """
            require $id $email $exchange_id
            """;

    /** With enforceEmail, only $email identifies: the userId stays a custom property id, and $id is never sent. */
    static final String PROFILE_BY_EMAIL = """
            $email          email:known | @userId:email         -=email
            $exchange_id    exchangeId:id                       -=exchangeId
            id              @userId                             -=id
            drop =$id
            """ + Identify.PERSON + """
            require $email
            """;

    /**
     * The person's special properties. The copies (a name ending in ?) come from Segment's
     * documentation and never replace a $ property the traits have themselves.
     * https://segment.com/docs/connections/spec/identify/#traits (the address and company traits)
     */
    private static final String PERSON = """
            $first_name     firstName:clean | name:before       -=firstName
            $last_name      lastName:clean | name:after         -=lastName
            $phone_number   phone:truthy | phoneNumber:truthy | phones:first   -=phone -=phoneNumber
            $title          title:present                       -=title
            $city?          address.city:truthy
            $region?        address.state:truthy | address.region:truthy
            $country?       address.country:truthy
            $zip?           address.postalCode:truthy | address.zip:truthy
            $address1?      address.street:truthy | address.line1:truthy
            $address2?      address.line2:truthy
            $organization?  company.name:truthy | company:string
            $image?         avatar:truthy
            $timezone?      timezone:truthy
            rest
            """;

    /** The profile identify(userId) sends for a userId that is an email: {$email, $id}. */
    static final String KNOWN_EMAIL = """
            $email  @email
            $id     @userId
            """;

    /** The same with enforceEmail: {$email, id}. */
    static final String KNOWN_EMAIL_BY_EMAIL = """
            $email  @email
            id      @userId
            """;

    private final Declaration profile;
    private final Declaration profileByEmail;
    private final Declaration knownEmail;
    private final Declaration knownEmailByEmail;
    /** The last profile made: its $email, for TrackByEmail and the list subscription. */
    private Declaration last;

    Identify(Values values) {
        Vocabulary traits = new Vocabulary();
        profile = new Declaration(values, traits, PROFILE);
        profileByEmail = new Declaration(values, traits, PROFILE_BY_EMAIL);
        Vocabulary none = new Vocabulary();
        knownEmail = new Declaration(values, none, KNOWN_EMAIL);
        knownEmailByEmail = new Declaration(values, none, KNOWN_EMAIL_BY_EMAIL);
        traits.seal(values);
    }

    /** The profile to send, or {@link Values#NO_VALUE} when the message names nobody. */
    int profile(Message message, boolean enforceEmail, Commands out) {
        last = enforceEmail ? profileByEmail : profile;
        int made = last.make(message.traits, message.userId);
        if (made == Values.NO_VALUE) {
            out.skip(enforceEmail ? "identify has no email (enforceEmail is on)"
                    : "identify has no userId, email or exchange id");
        }
        return made;
    }

    /** The $email of the last profile made, or {@link Values#NO_VALUE}. */
    int email() {
        return last.got("$email");
    }

    /**
     * The profile identify(userId) sends for a userId that is an email, {@code {$id, $email}} (with
     * enforceEmail {@code {$email, id}}); {@code {$email}} alone when userId is {@link Values#NO_VALUE}.
     */
    int ofEmail(int email, int userId, boolean enforceEmail) {
        return (enforceEmail ? knownEmailByEmail : knownEmail).make(Values.NO_VALUE, email, userId);
    }
}
