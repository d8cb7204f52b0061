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
     * Whether {@code ['account', key]} goes before a command of account {@code key}: the account
     * handed over last, {@code last} (null when there is none or the page's value is not a string),
     * is another one. Never without a key.
     */
    public static boolean handOver(String last, String key) {
        return key != null && !key.equals(last);
    }
}
