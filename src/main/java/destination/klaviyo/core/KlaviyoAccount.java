package destination.klaviyo.core;

/**
 * Which account Klaviyo's onsite script works for. It holds one at a time, the one handed over last
 * with {@code ['account', key]} (by any destination on the page, or any copy of this bundle), and
 * sends each command to that account. So a destination's command goes after its own account whenever
 * another one was handed over since; with one key on the page, never.
 * https://developers.klaviyo.com/en/docs/javascript_api
 */
public final class KlaviyoAccount {
    private KlaviyoAccount() {
    }

    /**
     * Whether {@code ['account', key]} goes before a command of account {@code key}: Klaviyo does not
     * hold it, {@code held} being whether the account handed over last is exactly {@code key} (keys are
     * case-sensitive; none handed over, or a page's value that is not a string, is another account).
     * Never without a key.
     */
    public static boolean handOver(boolean held, String key) {
        return key != null && !held;
    }
}
