package destination.klaviyo.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each shipped file is downloaded on every page view (the npm entries inside a site's own bundle):
 * gzipped at the best level (as {@code gzip -9}), each must stay within the ceiling, with every
 * feature. The ceiling guards against growth that nobody meant: a change that crosses it must say why
 * in docs/performance.md and move it. The goals are the weight of Segment's classic Klaviyo
 * destination with its dependencies (15,497 bytes, {@code gzip -9}), then 12,000. Sizes are
 * deterministic, so this is no timing test.
 */
class BundleSizeTest {
    static final int CEILING = 18_500;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dist/klaviyo.js", "dist/klaviyo.dynamic.js", "npm/klaviyo.mjs", "npm/klaviyo.cjs"})
    void eachShippedFileGzippedStaysWithinTheCeiling(String file) throws IOException {
        byte[] bundle = Files.readAllBytes(HostPage.TARGET.resolve(file));
        int gzipped = gzip(bundle).length;
        System.out.printf("target/%s: %d bytes, %d bytes gzipped (ceiling %d)%n", file, bundle.length, gzipped, CEILING);
        assertTrue(gzipped <= CEILING, file + " is " + gzipped + " bytes gzipped, over the ceiling of " + CEILING);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(data);
        }
        return out.toByteArray();
    }
}
