package io.strata.storage;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * A change to the catalog (what volumes and timelines exist and how they relate), stored as the payload of a
 * META log record. Encoding: one tag byte, then the fields in declaration order with {@link DataOutputStream}.
 * Tags are on disk: never renumber (tag 1, a separate timeline event, is retired: a timeline is now always
 * created inside the one record that also makes it reachable, so GC can never see it unreferenced).
 */
sealed interface CatalogEvent {
    /**
     * A volume is created with its head timeline, branched from {@code (ancestor, ancestorLsn)} for a clone
     * ({@code ancestor} 0: an empty volume). The record is also the volume's first point. One record, so a crash
     * can never leave a volume without a timeline or a point.
     */
    record VolumeCreated(long volume, String name, long retentionMillis, long headTimeline, long createdMicros,
                         long ancestor, long ancestorLsn) implements CatalogEvent {
    }

    record VolumeDeleted(long volume) implements CatalogEvent {
    }

    /**
     * A backtrack: the volume's head becomes the new timeline {@code newHead}, branched from the landed point
     * {@code (landedTimeline, landedLsn)}. The record is also a point of the volume (the landed state, now).
     */
    record HeadMoved(long volume, long newHead, long backtrackId, long requestedMicros, long landedLsn,
                     long landedMicros, long fromLsn, long fromMicros, long createdMicros, long landedTimeline)
            implements CatalogEvent {
    }

    record RetentionSet(long volume, long retentionMillis) implements CatalogEvent {
    }

    record PinSet(long volume, long lsn, boolean pinned) implements CatalogEvent {
    }

    static ByteBuffer encode(CatalogEvent e) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (e instanceof VolumeCreated v) {
                out.writeByte(2);
                out.writeLong(v.volume);
                out.writeUTF(v.name);
                out.writeLong(v.retentionMillis);
                out.writeLong(v.headTimeline);
                out.writeLong(v.createdMicros);
                out.writeLong(v.ancestor);
                out.writeLong(v.ancestorLsn);
            } else if (e instanceof VolumeDeleted d) {
                out.writeByte(3);
                out.writeLong(d.volume);
            } else if (e instanceof HeadMoved h) {
                out.writeByte(4);
                for (long x : new long[] {h.volume, h.newHead, h.backtrackId, h.requestedMicros, h.landedLsn,
                        h.landedMicros, h.fromLsn, h.fromMicros, h.createdMicros, h.landedTimeline}) {
                    out.writeLong(x);
                }
            } else if (e instanceof RetentionSet r) {
                out.writeByte(5);
                out.writeLong(r.volume);
                out.writeLong(r.retentionMillis);
            } else if (e instanceof PinSet p) {
                out.writeByte(6);
                out.writeLong(p.volume);
                out.writeLong(p.lsn);
                out.writeBoolean(p.pinned);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return ByteBuffer.wrap(bytes.toByteArray());
    }

    static CatalogEvent decode(ByteBuffer payload) {
        byte[] b = new byte[payload.remaining()];
        payload.duplicate().get(b);
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(b))) {
            int tag = in.readByte();
            switch (tag) {
                case 2:
                    return new VolumeCreated(in.readLong(), in.readUTF(), in.readLong(), in.readLong(), in.readLong(),
                            in.readLong(), in.readLong());
                case 3:
                    return new VolumeDeleted(in.readLong());
                case 4:
                    return new HeadMoved(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                            in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
                case 5:
                    return new RetentionSet(in.readLong(), in.readLong());
                case 6:
                    return new PinSet(in.readLong(), in.readLong(), in.readBoolean());
                default:
                    throw new StorageException("unknown catalog event tag " + tag);
            }
        } catch (IOException ex) {
            throw new StorageException("undecodable catalog event", ex);
        }
    }
}
