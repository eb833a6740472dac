package io.strata.engine.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkTrackerTest {

    static ByteBuffer chunk(int id, int blocks, long version) {
        ByteBuffer b = ByteBuffer.allocate(blocks * 4096);
        b.put(("chunk:" + Integer.toHexString(id) + ",len:" + Integer.toHexString(blocks) + ",pages:2,max:1c0,map:9,root:4000"
                + ",time:a,version:" + Long.toHexString(version) + ",next:0\n").getBytes(StandardCharsets.ISO_8859_1));
        b.rewind();
        return b;
    }

    @Test
    void parsesOnlyWholeAlignedChunkWrites() {
        assertThat(ChunkRecord.parseWrite(chunk(5, 3, 0x11), 4096 * 10, 1)).hasValueSatisfying(c -> {
            assertThat(c.id()).isEqualTo(5);
            assertThat(c.version()).isEqualTo(0x11);
            assertThat(c.block()).isEqualTo(10);
            assertThat(c.blocks()).isEqualTo(3);
        });
        assertThat(ChunkRecord.parseWrite(chunk(5, 3, 0x11), 4096 * 10 + 512, 1)).isEmpty();
        ByteBuffer torn = chunk(5, 3, 0x11);
        torn.limit(4096 * 2);
        assertThat(ChunkRecord.parseWrite(torn, 4096 * 10, 1)).isEmpty();
        assertThat(ChunkRecord.parseWrite(ByteBuffer.allocate(4096), 4096 * 10, 1)).isEmpty();
    }

    @Test
    void newestIntactChunkSurvivesOnlyUntilItsBlocksAreOverwritten() {
        ChunkTracker t = new ChunkTracker();
        t.written(new ChunkRecord(1, 1, 2, 3, 1));   // blocks 2..4
        t.written(new ChunkRecord(2, 2, 5, 2, 2));   // blocks 5..6
        assertThat(t.newest()).map(ChunkRecord::version).hasValue(2L);
        t.overwritten(6 * 4096L + 100, 10);           // a byte inside chunk 2
        assertThat(t.newest()).map(ChunkRecord::version).hasValue(1L);
        t.overwritten(4 * 4096L, 4096);               // last block of chunk 1
        assertThat(t.newest()).isEmpty();
        t.written(new ChunkRecord(3, 3, 2, 1, 3));
        t.written(new ChunkRecord(4, 4, 9, 1, 4));
        t.truncated(9 * 4096L);                       // cuts chunk 4 off
        assertThat(t.newest()).map(ChunkRecord::version).hasValue(3L);
        assertThat(t.size()).isEqualTo(1);
    }
}
