package io.honkerj.dashboard;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP handler: checks every request (authentication hook, Host header when listening on loopback,
 * and for {@code POST}: read-only mode, same Origin, CSRF token), then serves a static file from the jar or
 * hands {@code /api/...} to {@link Api}. Every response forbids framing and sniffing and carries a content
 * security policy that allows only this origin's scripts and styles.
 */
final class Router implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final String STATIC = "/io/honkerj/dashboard/static/";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/static/app.js", "app.js",
            "/static/app.css", "app.css",
            "/favicon.svg", "favicon.svg");
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Api api;
    private final DashboardOptions options;
    private final Set<String> loopbackHosts;

    Router(Api api, DashboardOptions options, int port, boolean loopback) {
        this.api = api;
        this.options = options;
        this.loopbackHosts = loopback
                ? Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port)
                : null;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply;
            try {
                reply = route(exchange);
            } catch (Api.BadRequest e) {
                reply = Reply.error(400, e.getMessage());
            } catch (Api.NotFound e) {
                reply = Reply.error(404, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("dashboard request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                reply = Reply.error(500, e.toString());
            }
            send(exchange, reply);
        }
    }

    private Reply route(HttpExchange exchange) throws IOException {
        Headers headers = exchange.getRequestHeaders();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getPath();
        if (loopbackHosts != null && !loopbackHosts.contains(String.valueOf(headers.getFirst("Host"))
                .toLowerCase(Locale.ROOT))) {
            // A page on another site that resolves its own name to 127.0.0.1 (DNS rebinding) sends its name.
            return Reply.error(403, "unexpected Host header; open the dashboard by its loopback address");
        }
        if (!options.auth().permits(headers)) {
            Reply r = Reply.error(401, "authentication required");
            String challenge = options.auth().challenge();
            return challenge == null ? r : r.withHeader("WWW-Authenticate", challenge);
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (method.equals("GET")) {
            String file = FILES.get(path);
            if (file != null) {
                return staticFile(file);
            }
            if (path.startsWith("/api/")) {
                return api.get(path.substring("/api/".length()), query);
            }
            return Reply.error(404, "no such page: " + path);
        }
        if (method.equals("POST")) {
            if (!path.startsWith("/api/")) {
                return Reply.error(404, "no such action: " + path);
            }
            if (options.readOnly()) {
                return Reply.error(403, "this dashboard is read-only");
            }
            String origin = headers.getFirst("Origin");
            String host = headers.getFirst("Host");
            if (origin != null && !origin.equals("http://" + host)) {
                return Reply.error(403, "cross-origin request refused (Origin " + origin + ")");
            }
            if (!api.csrfTokenMatches(headers.getFirst(CSRF_HEADER))) {
                return Reply.error(403, "missing or wrong CSRF token (send the " + CSRF_HEADER
                        + " header from GET /api/session)");
            }
            exchange.getRequestBody().readAllBytes();
            return api.post(path.substring("/api/".length()), query);
        }
        return Reply.error(405, "method " + method + " not allowed").withHeader("Allow", "GET, POST");
    }

    private static Reply staticFile(String name) throws IOException {
        try (InputStream in = Router.class.getResourceAsStream(STATIC + name)) {
            if (in == null) {
                return Reply.error(404, "missing resource " + name);
            }
            String type = switch (name.substring(name.lastIndexOf('.') + 1)) {
                case "html" -> "text/html; charset=utf-8";
                case "js" -> "text/javascript; charset=utf-8";
                case "css" -> "text/css; charset=utf-8";
                case "svg" -> "image/svg+xml";
                default -> "application/octet-stream";
            };
            return new Reply(200, type, in.readAllBytes(), Map.of());
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        Headers out = exchange.getResponseHeaders();
        out.set("Content-Type", reply.contentType());
        out.set("X-Content-Type-Options", "nosniff");
        out.set("X-Frame-Options", "DENY");
        out.set("Referrer-Policy", "no-referrer");
        out.set("Content-Security-Policy", CSP);
        out.set("Cache-Control", "no-store");
        reply.headers().forEach(out::set);
        byte[] body = reply.body();
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
