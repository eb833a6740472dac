package io.strata.engine;

import io.strata.engine.h2.AttachedVolume;
import io.strata.engine.h2.RedoRegion;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.engine.DbObject;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RootReference;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.db.MVPrimaryIndex;
import org.h2.mvstore.db.MVTable;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionMap;
import org.h2.mvstore.tx.TransactionStore;
import org.h2.mvstore.tx.VersionedValueType;
import org.h2.mvstore.type.DataType;
import org.h2.result.SearchRow;
import org.h2.table.Table;
import org.h2.value.VersionedValue;

/**
 * A logical redo log of commits in the volume's redo region ({@link RedoRegion}), so that a commit costs
 * one small record instead of one H2 chunk.
 *
 * <p>Why: storing an H2 chunk is most of a commit's cost (about 15 KB of pages, H2's layout strings and
 * page cache: 300-800 us of CPU per commit measured on the bench machine, against 200 us for the fsync). A
 * commit's changes, as rows, are a few hundred bytes.
 *
 * <p>How, in the commit gate ({@link CommitGate}), under its commit lock with statements kept out:
 * <ol>
 *   <li>Just before H2 commits a transaction, {@link #capture} reads the keys it changed from H2's undo log
 *       (map id and key of every change) and their new values from the maps (the transaction's own,
 *       uncommitted values: it still holds their row locks), and encodes them with the maps' own types.</li>
 *   <li>The flusher writes the captured commits since its last point as one record after the previous
 *       ones ({@link #writePending}) and marks a point. H2's file is not written at all.</li>
 *   <li>Every so often, and whenever anything changed that no record holds (see {@link #mustStoreChunk}),
 *       the flusher stores an H2 chunk as before, then starts a new generation of the log whose base is
 *       that chunk ({@link #startGeneration}): earlier records no longer count.</li>
 * </ol>
 * Opening a volume (after a crash, or a clone, restore or backtrack at any point) opens H2 at its newest
 * complete chunk and then applies the records of the generation based on that very chunk, in order
 * ({@link #replay}), then stores a chunk. If the newest chunk is not the base (a chunk was stored and the
 * cut fell before the new generation's header), the chunk already holds every record, and none is applied.
 *
 * <p>What no record holds, so a chunk is stored instead: commits that did not go through a capture (DDL and
 * other statements H2 commits itself, multi-statement texts), changes of the schema table {@code table.0}
 * other than sequence moves (those join the record, see {@link #captureSequenceMoves}), changes to maps
 * outside H2's transactions (LOBs, H2's own metadata), chunks H2 stored on its own, captures too big for
 * the region. Uncommitted changes of transactions still open are in no record, and need none: they are
 * not committed.
 *
 * <p>Reaches into H2 2.5.252's transaction internals (its undo logs); the class checks them when it loads
 * and fails loudly on another version. Not thread-safe: every call is made under the gate's commit lock,
 * or at open before any session exists.
 */
final class RedoLog {

    /** A generation holds at most this many record bytes before a chunk is stored instead. */
    static final long MAX_BYTES_PER_GENERATION = 2L << 20;
    /** A commit whose changes encode to more than this is stored as a chunk. */
    static final int MAX_CAPTURE_BYTES = 256 * 1024;
    /** H2's schema table: its changes (DDL, ANALYZE) store a chunk, except sequence moves. */
    private static final String SCHEMA_MAP = "table.0";
    /** The column of a schema row naming its object's type ({@code DbObject.SEQUENCE}...): ID, HEAD, TYPE, SQL. */
    private static final int SCHEMA_TYPE_COLUMN = 2;

    private static final Field UNDO_LOGS;
    private static final Field RECORD_MAP_ID;
    private static final Field RECORD_KEY;
    private static final Field VALUE_TYPE;
    private static final Field STORE_MAPS;
    private static final Field LAST_KEY;
    private static final Field DATA_MAP;

    static {
        try {
            UNDO_LOGS = accessible(TransactionStore.class, "undoLogs");
            Class<?> record = Class.forName("org.h2.mvstore.tx.Record");
            RECORD_MAP_ID = accessible(record, "mapId");
            RECORD_KEY = accessible(record, "key");
            VALUE_TYPE = accessible(VersionedValueType.class, "valueType");
            STORE_MAPS = accessible(MVStore.class, "maps");
            LAST_KEY = accessible(MVPrimaryIndex.class, "lastKey");
            DATA_MAP = accessible(MVPrimaryIndex.class, "dataMap");
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError("H2's transaction internals are not those of H2 2.5.252, which the "
                    + "engine's redo log relies on (see RedoLog): " + e);
        }
    }

    private final MVStore store;
    private final TransactionStore transactions;
    private final AttachedVolume file;
    /** At most this many commits per generation (H2's unsaved pages grow with them until the next chunk). */
    private final int commitsPerGeneration;
    private long generation;
    /** Where the next record goes in the region. */
    private long tail = RedoRegion.FIRST_RECORD;
    /** The bytes of the page {@link #tail} is in, up to the tail (zeros after). */
    private byte[] tailPage = new byte[RedoRegion.PAGE];
    private int commitsInGeneration;
    /**
     * Where captures are encoded, then copied out at their size. Reused: H2's WriteBuffer grows by at least
     * 1 MiB at a time, which for a fresh small buffer per commit was about 1 MiB of garbage per commit.
     */
    private final WriteBuffer captureBuffer = new WriteBuffer(64 * 1024);
    /** Captured commits not yet written, in commit order. */
    private final List<ByteBuffer> pending = new ArrayList<>();
    private int pendingBytes;
    /** Something changed that no record holds: the next flush stores a chunk. */
    private boolean chunkRequired;
    /** The roots of the maps no record covers, as of the last chunk: any other root means a change. */
    private final Map<MVMap<?, ?>, RootReference<?, ?>> uncoveredRoots = new HashMap<>();
    /**
     * H2's schema table, whose changes store a chunk, except sequence moves (see {@link #captureSequenceMoves}):
     * its root and rows as of the last record or chunk.
     */
    private MVMap<Object, VersionedValue<Object>> schema;
    private RootReference<?, ?> schemaRoot;
    private final Map<Object, VersionedValue<Object>> schemaRows = new HashMap<>();
    /** Whether records cover a map's changes (see {@link #covered}); by map, computed once. */
    private final Map<MVMap<?, ?>, Boolean> coverage = new WeakHashMap<>();
    private final AtomicLong recordsWritten = new AtomicLong();

    private RedoLog(MVStore store, TransactionStore transactions, AttachedVolume file, long generation,
                    int commitsPerGeneration) {
        this.commitsPerGeneration = commitsPerGeneration;
        this.store = store;
        this.transactions = transactions;
        this.file = file;
        this.generation = generation;
    }

    /**
     * The redo log of a database just opened (and replayed): starts a new generation on the chunk H2 has
     * now. Empty if the volume has no region (made before it existed): such a database stores a chunk per
     * flush, as before.
     */
    static Optional<RedoLog> start(Connection anchor, AttachedVolume file, int commitsPerGeneration) {
        if (!file.hasRedoRegion()) {
            return Optional.empty();
        }
        SessionLocal session = session(anchor);
        MVStore store = session.getDatabase().getStore().getMvStore();
        long previous = file.readRedoHeader().map(RedoRegion.Header::generation).orElse(0L);
        RedoLog log = new RedoLog(store, session.getDatabase().getStore().getTransactionStore(), file, previous, commitsPerGeneration);
        log.startGeneration();
        return Optional.of(log);
    }

    // ---- capture (commit gate, commit lock held, statements out) ----

    /**
     * The changes of {@code session}'s transaction, encoded, just before H2 commits it; null if they cannot
     * be captured (the next flush then stores a chunk). An empty buffer if it changed nothing.
     */
    ByteBuffer capture(SessionLocal session) {
        Transaction t = H2Transactions.current(session);
        if (t == null || !t.hasChanges()) {
            return ByteBuffer.allocate(0);
        }
        try {
            MVMap<Long, ?> undo = undoLog(t.getId());
            if (undo == null) {
                return null;
            }
            WriteBuffer out = captureBuffer;
            out.clear();
            for (Object record : undo.values()) {
                int mapId = RECORD_MAP_ID.getInt(record);
                Object key = RECORD_KEY.get(record);
                MVMap<Object, VersionedValue<Object>> map = store.getMap(mapId);
                if (map == null) {
                    return null;
                }
                VersionedValue<Object> now = map.get(key);
                Object value = now == null ? null : now.getCurrentValue();
                out.putInt(mapId);
                int lengthAt = out.position();
                out.putInt(0);
                map.getKeyType().write(out, key);
                if (value == null) {
                    out.put((byte) 0);
                } else {
                    out.put((byte) 1);
                    valueType(map).write(out, value);
                }
                out.putInt(lengthAt, out.position() - lengthAt - 4);
                if (out.position() > MAX_CAPTURE_BYTES) {
                    return null;
                }
            }
            ByteBuffer encoded = out.getBuffer().flip();
            return ByteBuffer.allocate(encoded.remaining()).put(encoded).flip();
        } catch (IllegalAccessException | RuntimeException e) {
            return null; // stored as a chunk: nothing is lost, only this commit's speed
        }
    }

    /** A captured commit that H2 then committed: the next flush writes it (null: store a chunk). */
    void committed(ByteBuffer captured) {
        if (captured == null) {
            chunkRequired = true;
            return;
        }
        commitsInGeneration++;
        if (captured.hasRemaining()) {
            pending.add(captured);
            pendingBytes += captured.remaining() + 4;
        }
    }

    /** Something was committed that no capture holds: the next flush stores a chunk. */
    void uncaptured() {
        chunkRequired = true;
    }

    // ---- flush (commit gate, commit lock held, statements out) ----

    /**
     * Whether the next point needs an H2 chunk: something changed that the pending records do not hold, or
     * the generation is full. {@code h2Wrote} tells whether H2 wrote its file since the last point (a chunk
     * stored on its own, or for a rollback).
     */
    boolean mustStoreChunk(boolean h2Wrote) {
        InlineStores.ensure(store); // a SET WRITE_DELAY may have brought H2's store executors back
        if (chunkRequired || h2Wrote || commitsInGeneration >= commitsPerGeneration) {
            return true;
        }
        long recordEnd = tail + RedoRegion.RECORD_HEADER + pendingBytes;
        if (recordEnd - RedoRegion.FIRST_RECORD > MAX_BYTES_PER_GENERATION || recordEnd > RedoRegion.SIZE) {
            return true;
        }
        return uncoveredMapsChanged() || !captureSequenceMoves();
    }

    /**
     * If the schema table changed since the last record or chunk only in rows of sequences (the system
     * session moving an AUTO_INCREMENT column's sequence past the values it hands out, every 32 values),
     * adds those rows to the pending record and returns true; false if anything else in it changed (a chunk
     * is then stored). Without this, single-row inserts into an AUTO_INCREMENT table stored a chunk every
     * 32 commits. A replay that applies such rows reopens H2, which reads its sequences only when it opens.
     */
    private boolean captureSequenceMoves() {
        if (schema == null || schema.getRoot() == schemaRoot) {
            return true;
        }
        WriteBuffer out = captureBuffer;
        out.clear();
        Map<Object, VersionedValue<Object>> now = new HashMap<>();
        for (Map.Entry<Object, VersionedValue<Object>> e : schema.entrySet()) {
            Object key = e.getKey();
            VersionedValue<Object> value = e.getValue();
            now.put(key, value);
            VersionedValue<Object> before = schemaRows.get(key);
            if (before == value) {
                continue;
            }
            if (before == null || value.getOperationId() != VersionedValue.NO_OPERATION_ID
                    || !(value.getCurrentValue() instanceof SearchRow row)
                    || row.getValue(SCHEMA_TYPE_COLUMN).getInt() != DbObject.SEQUENCE) {
                return false; // a new, uncommitted or other object: DDL
            }
            out.putInt(schema.getId());
            int lengthAt = out.position();
            out.putInt(0);
            schema.getKeyType().write(out, key);
            out.put((byte) 1);
            valueType(schema).write(out, row);
            out.putInt(lengthAt, out.position() - lengthAt - 4);
        }
        if (now.size() != schemaRows.size()) {
            return false; // an object was dropped
        }
        ByteBuffer encoded = out.getBuffer().flip();
        if (encoded.hasRemaining()) {
            pending.add(ByteBuffer.allocate(encoded.remaining()).put(encoded).flip());
            pendingBytes += encoded.limit() + 4;
        }
        schemaRows.clear();
        schemaRows.putAll(now);
        schemaRoot = schema.getRoot();
        return true;
    }

    /** Whether any commit waits for a record. */
    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Writes the pending commits as one record after the previous ones (one volume write). */
    void writePending() {
        ByteBuffer payload = ByteBuffer.allocate(pendingBytes);
        for (ByteBuffer commit : pending) {
            payload.putInt(commit.remaining()).put(commit.duplicate());
        }
        ByteBuffer record = RedoRegion.encodeRecord(generation, payload.flip());
        // Whole pages, from the start of the tail's page to the end of the record's last page (zeros after
        // it): storage then need not read a page's old image to write part of it (a third of this write's
        // cost when records were written as they are).
        long pageStart = tail - tail % RedoRegion.PAGE;
        long end = tail + record.remaining();
        long writeEnd = (end + RedoRegion.PAGE - 1) / RedoRegion.PAGE * RedoRegion.PAGE;
        ByteBuffer pages = ByteBuffer.allocate((int) (writeEnd - pageStart));
        pages.put(tailPage, 0, (int) (tail - pageStart)).put(record);
        int lastPage = (int) (end / RedoRegion.PAGE * RedoRegion.PAGE - pageStart);
        tailPage = lastPage < pages.capacity()
                ? Arrays.copyOfRange(pages.array(), lastPage, lastPage + RedoRegion.PAGE) : new byte[RedoRegion.PAGE];
        pages.clear();
        file.writeRedo(pages, pageStart);
        tail = end;
        pending.clear();
        pendingBytes = 0;
        recordsWritten.incrementAndGet();
    }

    /**
     * After a chunk was stored (or at open): a new generation based on H2's newest chunk. The pending
     * commits are in that chunk. Writes the region's header.
     */
    void startGeneration() {
        generation++;
        file.writeRedoHeader(new RedoRegion.Header(generation, store.getCurrentVersion()));
        tail = RedoRegion.FIRST_RECORD;
        tailPage = new byte[RedoRegion.PAGE];
        commitsInGeneration = 0;
        pending.clear();
        pendingBytes = 0;
        chunkRequired = false;
        uncoveredRoots.clear();
        if (store.isClosed()) {
            return; // the engine shut down: nothing will be captured
        }
        for (MVMap<?, ?> map : maps()) {
            if (!covered(map)) {
                uncoveredRoots.put(map, map.getRoot());
            }
        }
        uncoveredRoots.put(store.getMetaMap(), store.getMetaMap().getRoot());
        schema = schemaMap(store);
        schemaRows.clear();
        if (schema != null) {
            schemaRoot = schema.getRoot();
            for (Map.Entry<Object, VersionedValue<Object>> e : schema.entrySet()) {
                schemaRows.put(e.getKey(), e.getValue());
            }
        }
    }

    long recordsWritten() {
        return recordsWritten.get();
    }

    private boolean uncoveredMapsChanged() {
        if (store.getMetaMap().getRoot() != uncoveredRoots.get(store.getMetaMap())) {
            return true; // a map was created, removed or renamed
        }
        for (MVMap<?, ?> map : maps()) {
            if (map != schema && !covered(map) && map.getRoot() != uncoveredRoots.get(map)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether records hold every committed change of {@code map}: the maps of H2's transactions (tables and
     * indexes) except the schema table, and the undo logs (changes of transactions not yet committed).
     */
    private boolean covered(MVMap<?, ?> map) {
        return coverage.computeIfAbsent(map, m -> {
            String name = m.getName();
            if (name == null) {
                return false;
            }
            if (name.startsWith(TransactionStore.UNDO_LOG_NAME_PREFIX)) {
                return true;
            }
            return m.getValueType() instanceof VersionedValueType && !name.equals(SCHEMA_MAP);
        });
    }

    private Iterable<MVMap<?, ?>> maps() {
        return maps(store);
    }

    @SuppressWarnings("unchecked")
    private static MVMap<Object, VersionedValue<Object>> schemaMap(MVStore store) {
        for (MVMap<?, ?> map : maps(store)) {
            if (SCHEMA_MAP.equals(map.getName())) {
                return (MVMap<Object, VersionedValue<Object>>) map;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Iterable<MVMap<?, ?>> maps(MVStore store) {
        try {
            return ((ConcurrentHashMap<Integer, MVMap<?, ?>>) STORE_MAPS.get(store)).values();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach H2's maps", e);
        }
    }

    @SuppressWarnings("unchecked")
    private MVMap<Long, ?> undoLog(int transactionId) throws IllegalAccessException {
        MVMap<Long, ?>[] logs = (MVMap<Long, ?>[]) UNDO_LOGS.get(transactions);
        return transactionId < logs.length ? logs[transactionId] : null;
    }

    // ---- replay (at open, before any session but the anchor exists) ----

    /**
     * Applies the records written after the chunk H2 opened from, in order, and stores a chunk holding
     * them. Returns the number of commits applied (0 if the volume has no region, no record, or its records
     * belong to another chunk).
     */
    static Replayed replay(Connection anchor, AttachedVolume file) throws SQLException {
        if (!file.hasRedoRegion()) {
            return Replayed.NONE;
        }
        Optional<RedoRegion.Header> header = file.readRedoHeader();
        SessionLocal session = session(anchor);
        MVStore store = session.getDatabase().getStore().getMvStore();
        if (header.isEmpty() || header.get().baseVersion() != file.openedChunkVersion(store.getCurrentVersion())) {
            return Replayed.NONE; // no log yet, or the newest chunk was stored after these records: it holds them
        }
        MVMap<?, ?> schemaMap = schemaMap(store);
        int schemaId = schemaMap == null ? -1 : schemaMap.getId();
        int schemaRowsApplied = 0;
        long generation = header.get().generation();
        TransactionStore transactions = session.getDatabase().getStore().getTransactionStore();
        Transaction replaying = transactions.begin();
        Map<Integer, TransactionMap<Object, Object>> opened = new HashMap<>();
        int commits = 0;
        long at = RedoRegion.FIRST_RECORD;
        try {
            while (at + RedoRegion.RECORD_HEADER <= RedoRegion.SIZE) {
                ByteBuffer head = ByteBuffer.allocate(RedoRegion.RECORD_HEADER);
                file.readRedo(head, at);
                head.flip();
                if (head.remaining() < RedoRegion.RECORD_HEADER) {
                    break;
                }
                int length = head.getInt(0);
                if (length <= 0 || at + RedoRegion.RECORD_HEADER + length > RedoRegion.SIZE) {
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                file.readRedo(payload, at + RedoRegion.RECORD_HEADER);
                payload.flip();
                if (payload.remaining() < length || !RedoRegion.isRecord(head, generation, payload)) {
                    break;
                }
                while (payload.hasRemaining()) {
                    int commitLength = payload.getInt();
                    ByteBuffer commit = payload.slice(payload.position(), commitLength);
                    payload.position(payload.position() + commitLength);
                    schemaRowsApplied += apply(store, replaying, opened, commit, schemaId);
                    commits++;
                }
                at += RedoRegion.RECORD_HEADER + length;
            }
            replaying.commit();
        } catch (RuntimeException e) {
            throw new SQLException("cannot apply the redo log of this volume at offset " + at
                    + "; its records do not match the database", "58030", e);
        }
        if (commits > 0) {
            advanceGeneratedKeys(session);
            store.commit();
        }
        return new Replayed(commits, schemaRowsApplied);
    }

    /**
     * What {@link #replay} applied: commits, and rows of H2's schema table (sequence moves; H2 must then be
     * reopened, since it reads its sequences only when it opens).
     */
    record Replayed(int commits, int schemaRows) {
        static final Replayed NONE = new Replayed(0, 0);
    }

    /** Applies one commit's changes; returns how many were rows of the schema table. */
    private static int apply(MVStore store, Transaction replaying, Map<Integer, TransactionMap<Object, Object>> opened,
                             ByteBuffer commit, int schemaId) {
        int schemaRows = 0;
        while (commit.hasRemaining()) {
            int mapId = commit.getInt();
            int length = commit.getInt();
            MVMap<Object, VersionedValue<Object>> map = store.getMap(mapId);
            if (map == null) {
                // Maps are only created and dropped by statements that store a chunk, so a map the records
                // name but H2 has not opened is a temporary one ("temp."), which H2 drops when it opens.
                commit.position(commit.position() + length);
                continue;
            }
            int end = commit.position() + length;
            if (mapId == schemaId) {
                schemaRows++;
            }
            Object key = map.getKeyType().read(commit);
            boolean present = commit.get() != 0;
            if (present) {
                Object value = valueType(map).read(commit);
                opened.computeIfAbsent(mapId, id -> replaying.openMapX(map)).putCommitted(key, value);
            } else {
                map.remove(key);
            }
            if (commit.position() != end) {
                throw new IllegalStateException("a change of map " + mapId + " did not decode to its length");
            }
        }
        return schemaRows;
    }

    /**
     * H2 numbers the rows of tables without an integer primary key from a counter it sets when it opens a
     * table (the highest key then); replayed rows may have higher keys.
     */
    private static void advanceGeneratedKeys(SessionLocal session) {
        try {
            for (Table table : session.getDatabase().getAllTablesAndViews()) {
                if (table instanceof MVTable mv && mv.getScanIndex(session) instanceof MVPrimaryIndex primary) {
                    TransactionMap<?, ?> data = (TransactionMap<?, ?>) DATA_MAP.get(primary);
                    Object last = data.map.lastKey();
                    if (last instanceof Long highest) {
                        ((AtomicLong) LAST_KEY.get(primary)).accumulateAndGet(highest, Math::max);
                    }
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach H2's row counters", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static DataType<Object> valueType(MVMap<?, ?> map) {
        try {
            return (DataType<Object>) VALUE_TYPE.get(map.getValueType());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach an H2 map's value type", e);
        }
    }

    private static SessionLocal session(Connection anchor) {
        return (SessionLocal) ((JdbcConnection) anchor).getSession();
    }

    private static Field accessible(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
