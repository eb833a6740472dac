package io.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CopyProgressTest {
    private final StringWriter text = new StringWriter();
    private final CopyProgress bar = new CopyProgress("copy", new PrintWriter(text));

    @Test
    void aCopyThatEndsBeforeTheFirstPollStillReaches100() {
        bar.done();
        assertThat(text.toString().lines()).containsExactly("copying copy [" + "#".repeat(30) + "] 100%");
    }

    @Test
    void aLineAtEachTenPercentStepAndOneAtTheEnd() {
        for (int p : new int[] {0, 3, 9, 10, 15, 42, 99}) {
            bar.accept(p);
        }
        bar.done();
        assertThat(text.toString().lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)))
                .containsExactly("0%", "10%", "42%", "99%", "100%");
    }

    @Test
    void noSecondHundredWhenTheLastPollSawIt() {
        bar.accept(100);
        bar.done();
        assertThat(text.toString().lines()).hasSize(1);
    }
}
