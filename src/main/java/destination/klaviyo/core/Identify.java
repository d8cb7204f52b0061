package destination.klaviyo.core;

/**
 * identify → a Klaviyo profile: the traits, with Klaviyo's special properties filled in.
 * https://help.klaviyo.com/hc/en-us/articles/115005084927 (special properties)
 *
 * <p>As the classic destination did, through the facade: {@code $id} is the userId, {@code $email}
 * is traits.email or an email-like userId, and firstName, lastName, phone, title and exchangeId move
 * to their {@code $} names (found ignoring case and punctuation; the camelCase key is removed). The
 * seed adds phoneNumber and copies of the address, company, avatar and timezone into Klaviyo's special
 * properties; those copies never replace a {@code $} property the traits already have.
 */
final class Identify {
    /** The facade's test for an email address, for a userId that may be one. */
    static final String EMAIL_PATTERN = ".+@.+\\..+";

    private final Values values;
    private final JsonCopy json;
    private final Fields traits;
    /** The special properties found, put after the traits are copied so that they win. */
    private final String[] specials = new String[8];
    private final int[] specialValues = new int[8];
    private int specialCount;

    private Identify(Values values, JsonCopy json, Fields traits) {
        this.values = values;
        this.json = json;
        this.traits = traits;
    }

    /** The profile to send, or {@link Values#NO_VALUE} when the message names nobody. */
    static int profile(Values values, JsonCopy json, int message, boolean enforceEmail, Commands out) {
        int userId = identifier(values, values.get(message, "userId"));
        Identify identify = new Identify(values, json, Fields.of(values, values.get(message, "traits")));
        return identify.build(userId, enforceEmail, out);
    }

    private int build(int userId, boolean enforceEmail, Commands out) {
        Fields t = traits;
        int id = userId != Values.NO_VALUE ? userId : t.find(FacadeKeys.ID);
        int email = t.find(FacadeKeys.EMAIL);
        if (!values.truthy(email) && userId != Values.NO_VALUE && values.test(EMAIL_PATTERN, values.string(userId))) {
            email = userId;
        }
        String name = stringValue(t.find(FacadeKeys.NAME));

        boolean hasEmail = move("$email", truthy(email), "email");
        boolean hasExchangeId = move("$exchange_id", t.find(FacadeKeys.EXCHANGEID), "exchangeId");
        boolean hasId = false;
        if (enforceEmail) {
            // The userId stays as a custom property `id`; $id is never sent.
            t.remove("$id");
            move("id", userId, "id");
        } else {
            hasId = move("$id", id, "id");
        }
        move("$first_name", firstName(name), "firstName");
        move("$last_name", lastName(name), "lastName");
        if (move("$phone_number", phone(), "phone")) {
            t.remove("phoneNumber");
        }
        move("$title", t.find(FacadeKeys.TITLE), "title");

        if (enforceEmail ? !hasEmail : !hasId && !hasEmail && !hasExchangeId) {
            out.skip(enforceEmail ? "identify has no email (enforceEmail is on)"
                    : "identify has no userId, email or exchange id");
            return Values.NO_VALUE;
        }
        int profile = json.copyRest(t, values.newObject());
        for (int i = 0; i < specialCount; i++) {
            values.put(profile, specials[i], specialValues[i]);
        }
        copyDerived(profile);
        return profile;
    }

    /**
     * Puts a special property when it has a value, and removes the exact alias key from the copied
     * traits (the facade's {@code delete ret[alias]}).
     */
    private boolean move(String special, int value, String alias) {
        int copy = value == Values.NO_VALUE ? JsonCopy.LEFT_OUT : json.copy(value);
        if (copy == JsonCopy.LEFT_OUT || copy == Values.NULL_VALUE) {
            return false;
        }
        specials[specialCount] = special;
        specialValues[specialCount++] = copy;
        traits.remove(alias);
        return true;
    }

    /** The seed's additions: copies, the source traits stay as they are. */
    private void copyDerived(int profile) {
        Fields address = Fields.of(values, traits.find(FacadeKeys.ADDRESS));
        derive(profile, "$city", address.find(FacadeKeys.CITY));
        derive(profile, "$region", or(address.find(FacadeKeys.STATE), address.find(FacadeKeys.REGION)));
        derive(profile, "$country", address.find(FacadeKeys.COUNTRY));
        derive(profile, "$zip", or(address.find(FacadeKeys.POSTALCODE), address.find(FacadeKeys.ZIP)));
        derive(profile, "$address1", or(address.find(FacadeKeys.STREET), address.find(FacadeKeys.LINE1)));
        derive(profile, "$address2", address.find(FacadeKeys.LINE2));
        int company = traits.find(FacadeKeys.COMPANY);
        int kind = values.kind(company);
        derive(profile, "$organization", kind == Values.OBJECT ? Fields.of(values, company).find(FacadeKeys.NAME)
                : kind == Values.STRING ? company : Values.NO_VALUE);
        derive(profile, "$image", traits.find(FacadeKeys.AVATAR));
        derive(profile, "$timezone", traits.find(FacadeKeys.TIMEZONE));
    }

    private void derive(int profile, String special, int value) {
        if (value != Values.NO_VALUE && values.truthy(value) && !traits.has(special)) {
            json.put(profile, special, value);
        }
    }

    /** The facade's firstName(): a string firstName, trimmed, else what comes before name's first space. */
    private int firstName(String name) {
        String first = stringValue(traits.find(FacadeKeys.FIRSTNAME));
        if (first != null) {
            return values.ofString(values.trim(first));
        }
        if (name == null) {
            return Values.NO_VALUE;
        }
        return values.ofString(values.replace(" [\\s\\S]*", values.trim(name), ""));
    }

    /** The facade's lastName(): a string lastName, trimmed, else what follows name's first space. */
    private int lastName(String name) {
        String last = stringValue(traits.find(FacadeKeys.LASTNAME));
        if (last != null) {
            return values.ofString(values.trim(last));
        }
        if (name == null) {
            return Values.NO_VALUE;
        }
        String trimmed = values.trim(name);
        String rest = values.replace("^[^ ]* ", trimmed, "");
        return rest.equals(trimmed) ? Values.NO_VALUE : values.ofString(values.trim(rest));
    }

    /** phone, the seed's phoneNumber, else the first of phones. */
    private int phone() {
        int phone = or(traits.find(FacadeKeys.PHONE), traits.find(FacadeKeys.PHONENUMBER));
        if (values.truthy(phone)) {
            return phone;
        }
        int phones = traits.find(FacadeKeys.PHONES);
        return values.kind(phones) == Values.ARRAY ? values.at(phones, 0) : Values.NO_VALUE;
    }

    private int or(int first, int second) {
        return values.truthy(first) ? first : second;
    }

    private int truthy(int value) {
        return values.truthy(value) ? value : Values.NO_VALUE;
    }

    private String stringValue(int value) {
        return values.kind(value) == Values.STRING ? values.string(value) : null;
    }

    /** A userId: a non-empty string, or a number written as JavaScript writes it. */
    static int identifier(Values values, int value) {
        int kind = values.kind(value);
        if (kind == Values.NUMBER) {
            return values.ofString(values.string(value));
        }
        return kind == Values.STRING && !values.string(value).isEmpty() ? value : Values.NO_VALUE;
    }
}
