package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** identify → ['identify', profile]: the classic's renames and the seed's special properties. */
class IdentifyTest {
    @Test
    void anEmailLikeUserIdIsAlsoTheEmail() {
        new Recorder().identify("{\"userId\": \"han@segment.com\"}")
                .sent("[[\"identify\", {\"$id\": \"han@segment.com\", \"$email\": \"han@segment.com\"}]]");
    }

    @Test
    void aUserIdThatIsNotAnEmailIsNotTheEmail() {
        new Recorder().identify("{\"userId\": \"han@segment\"}").sent("[[\"identify\", {\"$id\": \"han@segment\"}]]");
    }

    @Test
    void traitsIdStandsInForAMissingUserId() {
        new Recorder().identify("{\"traits\": {\"id\": \"t1\", \"plan\": \"pro\"}}")
                .sent("[[\"identify\", {\"$id\": \"t1\", \"plan\": \"pro\"}]]");
    }

    @Test
    void theUserIdWinsOverTraitsId() {
        new Recorder().identify("{\"userId\": \"u1\", \"traits\": {\"id\": \"t1\"}}")
                .sent("[[\"identify\", {\"$id\": \"u1\"}]]");
    }

    @Test
    void aNumericUserIdBecomesTheStringJavaScriptWrites() {
        new Recorder().identify("{\"userId\": 42}").identify("{\"userId\": 1.5e21}")
                .sent("[[\"identify\", {\"$id\": \"42\"}], [\"identify\", {\"$id\": \"1.5e+21\"}]]");
    }

    @Test
    void aliasLookupsIgnoreCaseAndPunctuationButOnlyTheCamelCaseKeyMoves() {
        // The facade finds first_name for firstName; as in the classic, only `firstName` itself is removed.
        new Recorder().identify("""
                {"userId": "id", "traits": {"first_name": "Ada", "LAST-NAME": "Lovelace", "Title": "Countess",
                 "exchange_id": "x1"}}""")
                .sent("""
                [["identify", {"$id": "id", "first_name": "Ada", "$first_name": "Ada", "LAST-NAME": "Lovelace",
                  "$last_name": "Lovelace", "Title": "Countess", "$title": "Countess", "exchange_id": "x1",
                  "$exchange_id": "x1"}]]""");
    }

    @Test
    void firstAndLastNameComeFromNameWhenAbsent() {
        new Recorder().identify("{\"userId\": \"id\", \"traits\": {\"name\": \"  John Q Doe \"}}")
                .sent("""
                [["identify", {"$id": "id", "name": "  John Q Doe ", "$first_name": "John", "$last_name": "Q Doe"}]]""");
    }

    @Test
    void aOneWordNameGivesOnlyAFirstName() {
        new Recorder().identify("{\"userId\": \"id\", \"traits\": {\"name\": \"Cher\"}}")
                .sent("[[\"identify\", {\"$id\": \"id\", \"name\": \"Cher\", \"$first_name\": \"Cher\"}]]");
    }

    @Test
    void explicitNamesAreTrimmedAndWinOverName() {
        new Recorder().identify("""
                {"userId": "id", "traits": {"name": "John Doe", "firstName": " Jane ", "lastName": "Roe"}}""")
                .sent("""
                [["identify", {"$id": "id", "name": "John Doe", "$first_name": "Jane", "$last_name": "Roe"}]]""");
    }

    @Test
    void thePhoneNumberComesFromPhoneThenPhoneNumberThenPhones() {
        new Recorder()
                .identify("{\"userId\": \"a\", \"traits\": {\"phoneNumber\": \"+15550100\"}}")
                .identify("{\"userId\": \"b\", \"traits\": {\"phones\": [\"+15550101\", \"+15550102\"]}}")
                .identify("{\"userId\": \"c\", \"traits\": {\"phone\": \"+15550103\", \"phoneNumber\": \"+15550104\"}}")
                .sent("""
                [["identify", {"$id": "a", "$phone_number": "+15550100"}],
                 ["identify", {"$id": "b", "phones": ["+15550101", "+15550102"], "$phone_number": "+15550101"}],
                 ["identify", {"$id": "c", "$phone_number": "+15550103"}]]""");
    }

    @Test
    void addressCompanyAvatarAndTimezoneAreCopiedToSpecialProperties() {
        new Recorder().identify("""
                {"userId": "id", "traits": {
                  "address": {"street": "1 Main St", "line2": "Apt 2", "city": "Boston", "state": "MA",
                              "postalCode": "02110", "country": "US"},
                  "company": {"name": "Initech", "plan": "Enterprise"},
                  "avatar": "https://example.com/a.png", "timezone": "America/New_York"}}""")
                .sent("""
                [["identify", {"$id": "id",
                  "address": {"street": "1 Main St", "line2": "Apt 2", "city": "Boston", "state": "MA",
                              "postalCode": "02110", "country": "US"},
                  "company": {"name": "Initech", "plan": "Enterprise"},
                  "avatar": "https://example.com/a.png", "timezone": "America/New_York",
                  "$address1": "1 Main St", "$address2": "Apt 2", "$city": "Boston", "$region": "MA",
                  "$zip": "02110", "$country": "US", "$organization": "Initech",
                  "$image": "https://example.com/a.png", "$timezone": "America/New_York"}]]""");
    }

    @Test
    void addressAlternativesAndAStringCompany() {
        new Recorder().identify("""
                {"userId": "id", "traits": {"address": {"line1": "2 High St", "region": "Kent", "postal_code": "CT1"},
                  "company": "Acme"}}""")
                .sent("""
                [["identify", {"$id": "id", "address": {"line1": "2 High St", "region": "Kent", "postal_code": "CT1"},
                  "company": "Acme", "$address1": "2 High St", "$region": "Kent", "$zip": "CT1",
                  "$organization": "Acme"}]]""");
    }

    @Test
    void specialPropertiesGivenByTheCallerAreNotReplaced() {
        new Recorder().identify("""
                {"userId": "id", "traits": {"$city": "Paris", "address": {"city": "Lyon"}, "$organization": "Own",
                  "company": "Other"}}""")
                .sent("""
                [["identify", {"$id": "id", "$city": "Paris", "address": {"city": "Lyon"}, "$organization": "Own",
                  "company": "Other"}]]""");
    }

    @Test
    void audienceTraitsPassThroughAsTheyAre() {
        new Recorder().identify("{\"userId\": \"id\", \"traits\": {\"order_completed_last_30days\": true}}")
                .sent("[[\"identify\", {\"$id\": \"id\", \"order_completed_last_30days\": true}]]");
    }

    @Test
    void enforceEmailSendsTheUserIdAsACustomIdAndNeverDollarId() {
        new Recorder(true).identify("{\"userId\": \"id\", \"traits\": {\"email\": \"han@segment.com\", \"$id\": \"x\"}}")
                .sent("[[\"identify\", {\"$email\": \"han@segment.com\", \"id\": \"id\"}]]");
    }

    @Test
    void enforceEmailWithoutAnEmailSendsNothing() {
        Recorder klaviyo = new Recorder(true).identify("{\"userId\": \"id\", \"traits\": {\"$exchange_id\": \"x\"}}");
        klaviyo.sent("[]");
        assertEquals(List.of("identify has no email (enforceEmail is on)"), klaviyo.skipped);
    }

    @Test
    void enforceEmailAcceptsAnEmailLikeUserId() {
        new Recorder(true).identify("{\"userId\": \"han@segment.com\"}")
                .sent("[[\"identify\", {\"$email\": \"han@segment.com\", \"id\": \"han@segment.com\"}]]");
    }

    @Test
    void traitsThatAreNotAnObjectAreIgnored() {
        new Recorder()
                .identify("{\"userId\": \"a\", \"traits\": [\"x\"]}")
                .identify("{\"userId\": \"b\", \"traits\": \"x\"}")
                .identify("{\"userId\": \"c\", \"traits\": 5}")
                .identify("{\"userId\": \"d\", \"traits\": null}")
                .sent("""
                [["identify", {"$id": "a"}], ["identify", {"$id": "b"}], ["identify", {"$id": "c"}],
                 ["identify", {"$id": "d"}]]""");
    }

    @Test
    void anEmptyOrNonStringUserIdIsNoUserId() {
        Recorder klaviyo = new Recorder()
                .identify("{\"userId\": \"\"}")
                .identify("{\"userId\": true}")
                .identify("{\"userId\": {\"id\": 1}}");
        klaviyo.sent("[]");
        assertEquals(3, klaviyo.skipped.size());
    }
}
