package io.strata.protocol.session;

import io.strata.engine.mysql.PreparedQuery;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The server-side prepared statements of one connection, with their bound parameter types and
 * COM_STMT_SEND_LONG_DATA buffers.
 */
final class PreparedStatements {
    /** One statement. */
    static final class Stmt {
        final PreparedQuery query;
        final int[] types;
        final ByteArrayOutputStream[] longData;

        Stmt(PreparedQuery query) {
            this.query = query;
            this.types = new int[query.parameterCount()];
            this.longData = new ByteArrayOutputStream[query.parameterCount()];
        }

        byte[][] takeLongData() {
            byte[][] out = new byte[longData.length][];
            for (int i = 0; i < longData.length; i++) {
                out[i] = longData[i] == null ? null : longData[i].toByteArray();
                longData[i] = null;
            }
            return out;
        }
    }

    private final Map<Long, Stmt> byId = new HashMap<>();
    private long nextId = 1;

    long add(PreparedQuery q) {
        long id = nextId++;
        byId.put(id, new Stmt(q));
        return id;
    }

    Stmt get(long id) {
        return byId.get(id);
    }

    void close(long id) {
        Stmt s = byId.remove(id);
        if (s != null) s.query.close();
    }

    void closeAll() {
        for (Stmt s : byId.values()) s.query.close();
        byId.clear();
    }
}
