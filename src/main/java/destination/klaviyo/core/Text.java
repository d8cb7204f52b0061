package destination.klaviyo.core;

/** String rules of Segment's facade, written without regular expressions (they cost the bundle ~35 KB). */
final class Text {
    private Text() {
    }

    /**
     * The facade's email test, {@code /.+@.+\..+/}: on one line, something, an at sign, something, a
     * dot, something.
     */
    static boolean isEmail(String s) {
        int lineStart = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || isLineTerminator(s.charAt(i))) {
                if (lineIsEmail(s, lineStart, i)) {
                    return true;
                }
                lineStart = i + 1;
            }
        }
        return false;
    }

    private static boolean lineIsEmail(String s, int start, int end) {
        int at = s.indexOf('@', start + 1);
        int dot = s.lastIndexOf('.', end - 2);
        return at > start && at < end && dot >= at + 2;
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
    }
}
