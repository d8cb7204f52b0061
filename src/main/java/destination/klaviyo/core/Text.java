package destination.klaviyo.core;

/** String rules of Segment's facade, written without regular expressions (they cost the bundle ~35 KB). */
final class Text {
    private Text() {
    }

    /** JavaScript's String.prototype.trim: strips its whitespace and line terminators at both ends. */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r' || c == '\u00a0' || c == '\u1680' || c >= '\u2000' && c <= '\u200a'
                || c == '\u2028' || c == '\u2029' || c == '\u202f' || c == '\u205f' || c == '\u3000' || c == '\ufeff';
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
