package io.honkerj.dashboard;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * Decides whether a request to the dashboard may proceed, from its headers. Called for every request
 * (pages, static files and the api) before anything is read. The built-in checks compare secrets in
 * constant time.
 *
 * <pre>{@code
 * DashboardOptions.defaults().withAuth(DashboardAuth.basic("admin", System.getenv("DASHBOARD_PASSWORD")))
 * }</pre>
 */
@FunctionalInterface
public interface DashboardAuth {

    /**
     * Tells whether a request is allowed.
     *
     * @param headers the request's headers
     * @return true to serve it, false to answer 401
     */
    boolean permits(Headers headers);

    /**
     * The {@code WWW-Authenticate} challenge sent with a 401, so a browser knows how to ask for credentials.
     *
     * @return the challenge, or null for none
     */
    default String challenge() {
        return null;
    }

    /**
     * Lets every request through: the default, safe while the dashboard listens only on the loopback
     * address.
     *
     * @return the open hook
     */
    static DashboardAuth none() {
        return headers -> true;
    }

    /**
     * Requires {@code Authorization: Bearer <token>}, e.g. from a reverse proxy or a script.
     *
     * @param token the secret; not blank
     * @return the hook
     */
    static DashboardAuth bearerToken(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("dashboard bearer token must not be blank");
        }
        return authorization("Bearer " + token, "Bearer realm=\"honker\"");
    }

    /**
     * Requires HTTP basic authentication with this user and password: a browser asks for them.
     *
     * @param user the user name; not blank
     * @param password the password; not blank
     * @return the hook
     */
    static DashboardAuth basic(String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isBlank() || password.isBlank()) {
            throw new IllegalArgumentException("dashboard basic auth needs a user and a password");
        }
        return authorization("Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8)), "Basic realm=\"honker\", charset=\"UTF-8\"");
    }

    /**
     * Permits requests whose {@code Authorization} header is exactly {@code header} (compared in constant
     * time), asking others with {@code challenge}.
     */
    private static DashboardAuth authorization(String header, String challenge) {
        byte[] expected = header.getBytes(StandardCharsets.UTF_8);
        return new DashboardAuth() {
            @Override
            public boolean permits(Headers headers) {
                return Secrets.equal(expected, headers.getFirst("Authorization"));
            }

            @Override
            public String challenge() {
                return challenge;
            }
        };
    }

    /** Constant-time comparison of a secret with a header value. */
    final class Secrets {
        private Secrets() {}

        static boolean equal(byte[] expected, String given) {
            return given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
        }
    }
}
