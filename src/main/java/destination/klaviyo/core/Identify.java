package destination.klaviyo.core;

/**
 * identify → a Klaviyo profile: the traits, with Klaviyo's special properties filled in.
 * https://help.klaviyo.com/hc/en-us/articles/115005084927 (special properties)
 *
 * <p>As the classic destination did, through the facade's {@code traits(aliases)}: {@code $id} is the
 * userId, {@code $email} is traits.email or an email-like userId, and firstName, lastName, phone, title
 * and exchangeId move to their {@code $} names (found ignoring case and punctuation; only the exact
 * camelCase key is removed, as the facade's {@code delete ret[alias]} does). A value moves only when it
 * is there: a null trait stays a trait, as the facade skips null values. Segment's documentation of
 * the destination adds phoneNumber and copies of the address, company, avatar and timezone into
 * Klaviyo's special properties ("the same for all of Klaviyo's special people properties"); those copies
 * never replace a {@code $} property the traits already have.
 */
final class Identify {
    /** The facade's test for an email address, for a userId that may be one. */
    static final String EMAIL_PATTERN = ".+@.+\\..+";

    // What identify reads of the traits. Entries 0-8 are the exact keys the facade removes once it
    // has moved their value: the ones build() may leave out, so they come first.
    private static final String TRAITS = "=email =id =firstName =lastName =phone =phoneNumber =title =exchangeId =$id"
            + " id email exchangeid firstname lastname name phone phonenumber phones title address company avatar"
            + " timezone";
    private static final int EMAIL_KEY = 0;
    private static final int ID_KEY = 1;
    private static final int FIRST_NAME_KEY = 2;
    private static final int LAST_NAME_KEY = 3;
    private static final int PHONE_KEY = 4;
    private static final int PHONE_NUMBER_KEY = 5;
    private static final int TITLE_KEY = 6;
    private static final int EXCHANGE_ID_KEY = 7;
    private static final int DOLLAR_ID_KEY = 8;
    private static final int ID = 9;
    private static final int EMAIL = 10;
    private static final int EXCHANGE_ID = 11;
    private static final int FIRST_NAME = 12;
    private static final int LAST_NAME = 13;
    private static final int NAME = 14;
    private static final int PHONE = 15;
    private static final int PHONE_NUMBER = 16;
    private static final int PHONES = 17;
    private static final int TITLE = 18;
    private static final int ADDRESS = 19;
    private static final int COMPANY = 20;
    private static final int AVATAR = 21;
    private static final int TIMEZONE = 22;

    // The traits' own special properties that a derived copy never replaces, read only when there is
    // a copy to make: entry i is the profile's entry P_CITY + i.
    private static final String OWN = "=$city =$region =$country =$zip =$address1 =$address2 =$organization =$image"
            + " =$timezone";

    // Segment's address trait: https://segment.com/docs/connections/spec/identify/#traits
    private static final String ADDRESS_KEYS = "city state region country postalcode zip street line1 line2";
    private static final int CITY = 0;
    private static final int STATE = 1;
    private static final int REGION = 2;
    private static final int COUNTRY = 3;
    private static final int POSTAL_CODE = 4;
    private static final int ZIP = 5;
    private static final int STREET = 6;
    private static final int LINE1 = 7;
    private static final int LINE2 = 8;

    private static final String COMPANY_KEYS = "name";

    // The profile's special properties; the derived copies ($city...) in the order of OWN_CITY's.
    private static final String PROFILE = "$email $exchange_id $id id $first_name $last_name $phone_number $title"
            + " $city $region $country $zip $address1 $address2 $organization $image $timezone";
    private static final int P_EMAIL = 0;
    private static final int P_EXCHANGE_ID = 1;
    private static final int P_ID = 2;
    private static final int P_CUSTOM_ID = 3;
    private static final int P_FIRST_NAME = 4;
    private static final int P_LAST_NAME = 5;
    private static final int P_PHONE = 6;
    private static final int P_TITLE = 7;
    private static final int P_CITY = 8;
    private static final int P_REGION = 9;
    private static final int P_COUNTRY = 10;
    private static final int P_ZIP = 11;
    private static final int P_ADDRESS1 = 12;
    private static final int P_ADDRESS2 = 13;
    private static final int P_ORGANIZATION = 14;
    private static final int P_IMAGE = 15;
    private static final int P_TIMEZONE = 16;

    private final Values values;
    private final KeyList traitKeys;
    private final KeyList addressKeys;
    private final KeyList companyKeys;
    private final KeyList ownKeys;
    private final KeyList profileKeys;
    /**
     * What the last profile made names the person by (Mapping reads them right after): its $email (a
     * handle of its message), for TrackByEmail; that email when it is a string, and its phone or
     * phoneNumber trait when it is one, for a list subscription.
     */
    int email;
    int emailText;
    int phone;

    Identify(Values values) {
        this.values = values;
        traitKeys = new KeyList(values, TRAITS);
        addressKeys = new KeyList(values, ADDRESS_KEYS);
        companyKeys = new KeyList(values, COMPANY_KEYS);
        ownKeys = new KeyList(values, OWN);
        profileKeys = new KeyList(values, PROFILE);
    }

    /** The profile to send, or {@link Values#NO_VALUE} when the message names nobody. */
    int profile(Message message, boolean enforceEmail, Commands out) {
        int userId = message.userId();
        int traitsObject = message.traits();
        Found traits = traitKeys.in(values, traitsObject);
        Profile p = new Profile(traitsObject, traits, profileKeys.values());

        // Identifiers: a non-empty string or a finite number, never null, false or an object.
        int email = traits.truthy(EMAIL) ? traits.identifier(EMAIL) : Values.NO_VALUE;
        if (email == Values.NO_VALUE && userId != Values.NO_VALUE && values.test(EMAIL_PATTERN, userId)) {
            email = userId;
        }
        this.email = email;
        p.move(P_EMAIL, email, EMAIL_KEY);
        emailText = email == userId || traits.kind(EMAIL) == Values.STRING ? email : Values.NO_VALUE;
        phone = text(traits, traits.truthy(PHONE) ? PHONE : PHONE_NUMBER);
        p.move(P_EXCHANGE_ID, traits.identifier(EXCHANGE_ID), EXCHANGE_ID_KEY);
        if (enforceEmail) {
            // The userId stays as a custom property `id`; $id is never sent.
            p.consume(DOLLAR_ID_KEY);
            p.move(P_CUSTOM_ID, userId, ID_KEY);
        } else {
            p.move(P_ID, userId != Values.NO_VALUE ? userId : traits.identifier(ID), ID_KEY);
        }
        if (enforceEmail ? !p.has(P_EMAIL) : !p.has(P_ID) && !p.has(P_EMAIL) && !p.has(P_EXCHANGE_ID)) {
            out.skip(enforceEmail ? "identify has no email (enforceEmail is on)"
                    : "identify has no userId, email or exchange id");
            return Values.NO_VALUE;
        }

        String name = traits.kind(NAME) == Values.STRING ? values.text(values.trim(traits.value(NAME))) : null;
        p.move(P_FIRST_NAME, firstName(traits, name), FIRST_NAME_KEY);
        p.move(P_LAST_NAME, lastName(traits, name), LAST_NAME_KEY);
        if (p.move(P_PHONE, phone(traits), PHONE_KEY)) {
            p.consume(PHONE_NUMBER_KEY);
        }
        p.move(P_TITLE, traits.present(TITLE), TITLE_KEY);
        copyDerived(traits, p);
        return profileKeys.build(values, traits.record(), p.consumed, p.values);
    }

    /** Additions Segment's documentation promises: copies, the source traits stay as they are. */
    private void copyDerived(Found traits, Profile p) {
        if (traits.kind(ADDRESS) == Values.OBJECT) {
            Found address = addressKeys.in(values, traits.value(ADDRESS));
            p.derive(P_CITY, address.ifTruthy(CITY));
            p.derive(P_REGION, or(address.ifTruthy(STATE), address.ifTruthy(REGION)));
            p.derive(P_COUNTRY, address.ifTruthy(COUNTRY));
            p.derive(P_ZIP, or(address.ifTruthy(POSTAL_CODE), address.ifTruthy(ZIP)));
            p.derive(P_ADDRESS1, or(address.ifTruthy(STREET), address.ifTruthy(LINE1)));
            p.derive(P_ADDRESS2, address.ifTruthy(LINE2));
        }
        int kind = traits.kind(COMPANY);
        p.derive(P_ORGANIZATION, kind == Values.OBJECT ? companyKeys.in(values, traits.value(COMPANY)).ifTruthy(0)
                : kind == Values.STRING ? traits.ifTruthy(COMPANY) : Values.NO_VALUE);
        p.derive(P_IMAGE, traits.ifTruthy(AVATAR));
        p.derive(P_TIMEZONE, traits.ifTruthy(TIMEZONE));
    }

    /**
     * The profile identify(userId) sends for a userId that is an email, {@code {$id, $email}} (with
     * enforceEmail {@code {$email, id}}); {@code {$email}} alone when userId is {@link Values#NO_VALUE}.
     */
    int ofEmail(int email, int userId, boolean enforceEmail) {
        int[] profile = profileKeys.values();
        profile[P_EMAIL] = email;
        profile[enforceEmail ? P_CUSTOM_ID : P_ID] = userId;
        return profileKeys.build(values, Values.NO_VALUE, 0, profile);
    }

    /** The facade's firstName(): a string firstName, trimmed, else what comes before name's first space. */
    private int firstName(Found traits, String name) {
        if (traits.kind(FIRST_NAME) == Values.STRING) {
            return values.trim(traits.value(FIRST_NAME));
        }
        return name == null ? Values.NO_VALUE : values.ofString(values.replace(" [\\s\\S]*", name, ""));
    }

    /** The facade's lastName(): a string lastName, trimmed, else what follows name's first space. */
    private int lastName(Found traits, String name) {
        if (traits.kind(LAST_NAME) == Values.STRING) {
            return values.trim(traits.value(LAST_NAME));
        }
        if (name == null) {
            return Values.NO_VALUE;
        }
        // The name is trimmed: what follows its first space (and the spaces after it), if it has one.
        String rest = values.replace("^[^ ]* \\s*", name, "");
        return rest.equals(name) ? Values.NO_VALUE : values.ofString(rest);
    }

    /** phone, the phoneNumber of Segment's documentation, else the first of phones. */
    private int phone(Found traits) {
        int phone = or(traits.ifTruthy(PHONE), traits.ifTruthy(PHONE_NUMBER));
        if (phone != Values.NO_VALUE || traits.kind(PHONES) != Values.ARRAY) {
            return phone;
        }
        int first = values.at(traits.value(PHONES), 0);
        int kind = values.kind(first);
        return kind == Values.UNDEFINED || kind == Values.NULL ? Values.NO_VALUE : first;
    }

    private static int or(int first, int second) {
        return first != Values.NO_VALUE ? first : second;
    }

    private static int text(Found found, int entry) {
        return found.kind(entry) == Values.STRING && found.truthy(entry) ? found.value(entry) : Values.NO_VALUE;
    }

    /** The profile being made: the special properties found, and the trait keys they consume. */
    private final class Profile {
        final int traitsObject;
        final Found traits;
        final int[] values;
        int consumed;
        /** The traits' own special properties, looked up at the first derived copy. */
        private Found own;

        Profile(int traitsObject, Found traits, int[] values) {
            this.traitsObject = traitsObject;
            this.traits = traits;
            this.values = values;
        }

        /** Sets a special property when there is a value, and consumes its exact alias key. */
        boolean move(int property, int value, int aliasKey) {
            if (value == Values.NO_VALUE) {
                return false;
            }
            values[property] = value;
            consume(aliasKey);
            return true;
        }

        void consume(int key) {
            consumed |= KeyList.bit(key);
        }

        boolean has(int property) {
            return values[property] != Values.NO_VALUE;
        }

        /** A derived copy, unless the traits have that $ property themselves. */
        void derive(int property, int value) {
            if (value == Values.NO_VALUE) {
                return;
            }
            if (own == null) {
                own = ownKeys.in(Identify.this.values, traitsObject);
            }
            if (own.kind(property - P_CITY) == Values.UNDEFINED) {
                values[property] = value;
            }
        }
    }
}
