package io.strata.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.strata.control.ControlException;
import io.strata.control.ControlPlane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The RDS Query protocol over HTTP: {@code POST /} (or GET) with form parameters Action and
 * Version=2014-10-31, signed with SigV4; answers {@code <ActionResponse xmlns=...><ActionResult>...}
 * or RDS error XML with the error's HTTP status.
 */
final class RdsHandler implements HttpHandler {
    static final String NAMESPACE = "http://rds.amazonaws.com/doc/2014-10-31/";
    static final String VERSION = "2014-10-31";
    private static final int MAX_BODY = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(RdsHandler.class);
    private final SigV4Verifier verifier;
    private final Map<String, Action> actions = new HashMap<>();

    RdsHandler(ControlPlane cp, Credentials credentials, Shapes shapes) {
        this.verifier = new SigV4Verifier(credentials);
        ClusterActions.register(actions, cp, shapes);
        InstanceActions.register(actions, cp, shapes);
        RestoreActions.register(actions, cp, shapes);
        BacktrackActions.register(actions, cp, shapes);
        SnapshotActions.register(actions, cp, shapes);
        TagActions.register(actions, cp, shapes);
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (ex) {
            int status = 200;
            String body;
            try {
                body = answer(ex, requestId);
            } catch (ApiError e) {
                status = e.status;
                body = error(e, requestId);
            } catch (ControlException e) {
                ApiError a = ApiError.of(e);
                status = a.status;
                body = error(a, requestId);
            } catch (RuntimeException e) {
                LOG.error("request {} failed", requestId, e);
                status = 500;
                body = error(new ApiError("InternalFailure", 500, "The request processing has failed because of an"
                        + " unknown error: " + e), requestId);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
            ex.getResponseHeaders().set("x-amzn-RequestId", requestId);
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private String answer(HttpExchange ex, String requestId) throws IOException {
        String method = ex.getRequestMethod();
        if (!method.equals("POST") && !method.equals("GET")) {
            throw new ApiError("InvalidAction", 405, "The RDS Query API takes POST / (or GET /) requests.");
        }
        byte[] body = readBody(ex.getRequestBody());
        verifier.verify(new SigV4Verifier.SignedRequest(method, ex.getRequestURI().getRawPath(),
                ex.getRequestURI().getRawQuery(), headers(ex), body));
        Params params = Params.parse(ex.getRequestURI().getRawQuery(), new String(body, StandardCharsets.UTF_8));
        String name = params.string("Action");
        if (name == null) {
            throw new ApiError("MissingAction", 400, "The request must contain the parameter Action.");
        }
        String version = params.string("Version");
        if (version != null && !version.equals(VERSION)) {
            throw new ApiError("InvalidParameterValue", 400, "Unsupported Version " + version + ": this API speaks " + VERSION + ".");
        }
        Action action = actions.get(name);
        if (action == null) {
            throw new ApiError("InvalidAction", 400, "The action " + name + " is not valid for this web service"
                    + " (Strata implements " + String.join(", ", actions.keySet().stream().sorted().toList()) + ").");
        }
        XmlWriter x = new XmlWriter().startNs(name + "Response", NAMESPACE).start(name + "Result");
        action.run(params, x);
        x.end().start("ResponseMetadata").leaf("RequestId", requestId).end().end();
        return x.toString();
    }

    private static Map<String, List<String>> headers(HttpExchange ex) {
        Map<String, List<String>> out = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> out.computeIfAbsent(k.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(v));
        return out;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_BODY + 1);
        if (b.length > MAX_BODY) {
            throw new ApiError("RequestEntityTooLarge", 413, "Request bodies are limited to " + MAX_BODY + " bytes.");
        }
        return b;
    }

    static String error(ApiError e, String requestId) {
        return new XmlWriter().startNs("ErrorResponse", NAMESPACE)
                .start("Error").leaf("Type", e.type()).leaf("Code", e.code).leaf("Message", e.getMessage()).end()
                .leaf("RequestId", requestId).end().toString();
    }
}
