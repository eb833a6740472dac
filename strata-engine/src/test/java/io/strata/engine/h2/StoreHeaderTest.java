package io.strata.engine.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.h2.mvstore.DataUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreHeaderTest {

    @TempDir
    Path dir;

    /** A header in H2's own format, with a checksum computed the way H2 does. */
    static ByteBuffer header(String body) {
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        String line = body + ",fletcher:" + Integer.toHexString(DataUtils.getFletcher32(b, 0, b.length)) + "\n";
        ByteBuffer out = ByteBuffer.allocate(8192);
        out.put(line.getBytes(StandardCharsets.ISO_8859_1)).position(4096);
        out.put(line.getBytes(StandardCharsets.ISO_8859_1)).rewind();
        return out;
    }

    @Test
    void parsesTheHeaderStockH2WritesToAPlainFile() throws Exception {
        String url = "jdbc:h2:" + dir.resolve("plain").toAbsolutePath() + ";WRITE_DELAY=0";
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT)");
        }
        byte[] file = Files.readAllBytes(dir.resolve("plain.mv.db"));
        StoreHeader h = StoreHeader.parse(ByteBuffer.wrap(file)).orElseThrow();
        assertThat(h.toString()).contains("H=2").contains("format=");
    }

    @Test
    void rejectsACorruptChecksumOrANonHeader() {
        ByteBuffer good = header("H:2,block:5,blockSize:1000,chunk:3,created:18c,format:3,version:9");
        assertThat(StoreHeader.parse(good)).isPresent();
        ByteBuffer bad = good.duplicate();
        bad.put(12, (byte) '6');
        assertThat(StoreHeader.parse(bad)).isEmpty();
        assertThat(StoreHeader.parse(ByteBuffer.wrap("chunk:1,len:2\n".getBytes(StandardCharsets.ISO_8859_1)))).isEmpty();
    }

    @Test
    void pointingAtANewerChunkKeepsOtherKeysInOrderAndAValidChecksum() {
        ByteBuffer original = header("H:2,block:5,blockSize:1000,chunk:3,created:18c,format:3,version:9");
        StoreHeader h = StoreHeader.parse(original).orElseThrow();
        assertThat(h.version()).isEqualTo(9);
        ByteBuffer rewritten = h.pointingAt(new ChunkRecord(0x2a, 0x10, 0x7b, 3, 1)).toWrite();
        assertThat(rewritten.remaining()).isEqualTo(8192);
        String line = new String(rewritten.array(), 0, 200, StandardCharsets.ISO_8859_1).split("\n")[0];
        assertThat(line).startsWith("H:2,block:7b,blockSize:1000,chunk:2a,created:18c,format:3,version:10,fletcher:");
        StoreHeader again = StoreHeader.parse(rewritten).orElseThrow();
        assertThat(again.block()).isEqualTo(0x7b);
        assertThat(again.chunkId()).isEqualTo(0x2a);
        assertThat(again.version()).isEqualTo(0x10);
        // both copies identical, the rest zero
        assertThat(new String(rewritten.array(), 4096, line.length(), StandardCharsets.ISO_8859_1)).isEqualTo(line);
        assertThat(rewritten.get(line.length() + 1)).isZero();
    }
}
