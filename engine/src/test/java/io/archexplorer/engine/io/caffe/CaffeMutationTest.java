package io.archexplorer.engine.io.caffe;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.io.ModelFileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random edits of the corpus files (characters deleted, inserted or repeated, the text cut short), as a
 * careless hand edit or a broken download would make them: every outcome is a successful import or a
 * {@link ModelFileException} with a one-line message that points into the file ({@code file:line:column: }), in
 * bounded time; never another exception or a hang.
 */
class CaffeMutationTest {
    private static final int MUTATIONS = 200;
    private static final List<String> CORPUS = List.of("bvlc_alexnet", "bvlc_googlenet", "densenet121",
            "inception_v3", "inception_v4", "mobilenet_v1", "mobilenet_v2", "netscope_preset_alexnet",
            "netscope_preset_caffenet", "netscope_preset_fcn-8s-pascal", "netscope_preset_googlenet",
            "netscope_preset_nin", "netscope_preset_vgg-16", "resnet50", "resnext50_32x4d", "se_resnet50",
            "se_resnext50_32x4d", "squeezenet_v1.0", "squeezenet_v1.1", "xception", "xception_dw");
    /** What an edit inserts: the format's syntax and the characters of names and numbers. */
    private static final String INSERTED = "{}:\"#\n \t_-.0123456789abcxyzLAYER";
    private static final Pattern LOCATED = Pattern.compile("[\\w.-]+\\.prototxt:\\d+:\\d+: .+");
    /** The one message about the whole file rather than a place in it: no input is declared anywhere. */
    private static final Pattern NO_INPUT = Pattern.compile("[\\w.-]+\\.prototxt: expected an input: .+");

    /** The corpus files' names (without .prototxt), for other tests that go over the whole corpus. */
    static List<String> corpus() {
        return CORPUS;
    }

    static Stream<Arguments> mutations() {
        return IntStream.range(0, MUTATIONS).mapToObj(seed -> {
            String file = CORPUS.get(seed % CORPUS.size());
            Random random = new Random(seed);
            String text = read(file);
            int at = random.nextInt(text.length());
            int end = Math.min(text.length(), at + 1 + random.nextInt(40));
            return switch (random.nextInt(4)) {
                case 0 -> Arguments.of(file + " cut at " + at, file, text.substring(0, at));
                case 1 -> Arguments.of(file + " chars " + at + ".." + end + " deleted", file,
                        text.substring(0, at) + text.substring(end));
                case 2 -> {
                    char c = INSERTED.charAt(random.nextInt(INSERTED.length()));
                    yield Arguments.of(file + " '" + c + "' inserted at " + at, file,
                            text.substring(0, at) + c + text.substring(at));
                }
                default -> Arguments.of(file + " chars " + at + ".." + end + " repeated", file,
                        text.substring(0, end) + text.substring(at));
            };
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void anEditedFileImportsOrGivesALocatedError(String label, String file, String text) {
        String source = file + ".prototxt";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                CostAnalysis.analyze(CaffeImporter.read(source, file, text).document().net());
            } catch (ModelFileException e) {
                String message = e.getMessage();
                assertTrue(!message.contains("\n"), label + ": one line: " + message);
                assertTrue(LOCATED.matcher(message).matches() || NO_INPUT.matcher(message).matches(),
                        label + ": " + message);
            }
        }, label);
    }

    private static String read(String file) {
        try (InputStream in = CaffeMutationTest.class.getResourceAsStream("/caffe/" + file + ".prototxt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
