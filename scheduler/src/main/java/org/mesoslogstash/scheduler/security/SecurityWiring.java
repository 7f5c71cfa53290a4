package org.mesoslogstash.scheduler.security;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.curator.framework.CuratorFramework;
import org.mesoslogstash.scheduler.framework.SchedulerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The access rules of the HTTP interface (docs/scheduler.md, "Security"):
 * <ul>
 * <li>{@code /api/health}, {@code /api/ready}, {@code /metrics}: open (Marathon's checks, Prometheus);</li>
 * <li>every other GET, and {@code POST /api/configurations/validate}: role viewer (an operator is a viewer too);</li>
 * <li>everything else (changes, rollback, teardown): role operator; otherwise 403;</li>
 * <li>without login 401 (JSON, with an HTTP Basic challenge), or for a browser page a redirect to {@code /login}.</li>
 * </ul>
 * API clients use HTTP Basic on every call and need no CSRF token as long as they send no session cookie;
 * a browser logs in with the form at {@code /login} and, for every change, sends the {@code XSRF-TOKEN}
 * cookie's value in the {@code X-XSRF-TOKEN} header.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(AccessProperties.class)
public class SecurityWiring {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityWiring.class);
    static final String REALM = "mesos-logstash";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder(); // {bcrypt} for new hashes; reads {noop}, {bcrypt}, ...
    }

    /** The configured users; without any, the generated {@code admin} (its hash in {@code <zk-path>/security/admin-password}). */
    @Bean
    UserDetailsService userDetailsService(AccessProperties access, SchedulerProperties properties, CuratorFramework zk, PasswordEncoder encoder) {
        List<ApiUser> apiUsers = ApiUsers.parse(access.users());
        if (apiUsers.isEmpty()) {
            apiUsers = List.of(GeneratedAdmin.obtain(new ZooKeeperAdminPasswordStore(zk, properties.zkPath()), new SecureRandom(), encoder));
        } else {
            LOG.info("Users of the HTTP interface: {}", apiUsers);
        }
        List<UserDetails> details = new ArrayList<>();
        for (ApiUser user : apiUsers) {
            // An operator may do what a viewer may, so it has both roles.
            String[] roles = user.role() == Role.OPERATOR ? new String[] {Role.OPERATOR.name(), Role.VIEWER.name()} : new String[] {Role.VIEWER.name()};
            details.add(User.withUsername(user.name()).password(user.encodedPassword()).roles(roles).build());
        }
        return new InMemoryUserDetailsManager(details);
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/health", "/api/ready", "/metrics", "/login", "/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/**").hasRole(Role.VIEWER.name())
                        .requestMatchers(HttpMethod.HEAD, "/**").hasRole(Role.VIEWER.name())
                        .requestMatchers(HttpMethod.POST, "/api/configurations/validate").hasRole(Role.VIEWER.name())
                        .anyRequest().hasRole(Role.OPERATOR.name()))
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(SecurityWiring::unauthorized))
                .formLogin(form -> { })
                .logout(logout -> { })
                .csrf(csrf -> csrf.spa().ignoringRequestMatchers(SecurityWiring::basicWithoutSession))
                .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(accessDenied()));
        return http.build();
    }

    /**
     * An API client: credentials on the call, no session cookie. A forged cross-site request cannot add an
     * Authorization header, and a browser that logged in with the form sends its session cookie, so CSRF
     * protection stays on for it.
     */
    static boolean basicWithoutSession(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6) && request.getRequestedSessionId() == null;
    }

    /**
     * 401 with a Basic challenge for API clients. The web UI's own calls say {@code X-Requested-With:
     * XMLHttpRequest} and get no challenge: after a session expires, the UI goes to its login page
     * instead of the browser popping up its Basic login dialog (whose cached credentials would then
     * ride along on every request).
     */
    private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
            org.springframework.security.core.AuthenticationException e) throws IOException {
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
        }
        json(response, HttpServletResponse.SC_UNAUTHORIZED, "authentication required: HTTP Basic credentials of a user of "
                + "MESOS_LOGSTASH_USERS, or a session from the login page /login");
    }

    private static AccessDeniedHandler accessDenied() {
        return (request, response, e) -> {
            if (e instanceof CsrfException) {
                json(response, HttpServletResponse.SC_FORBIDDEN, "missing or invalid CSRF token: a browser session sends the value of the "
                        + "XSRF-TOKEN cookie in the X-XSRF-TOKEN header; API clients authenticate with HTTP Basic and send no session cookie");
            } else {
                json(response, HttpServletResponse.SC_FORBIDDEN, "forbidden: " + request.getMethod() + " " + request.getRequestURI()
                        + " needs the role operator");
            }
        };
    }

    private static void json(HttpServletResponse response, int status, String error) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        String quoted = tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(error);
        response.getWriter().write("{\"error\":" + quoted + ",\"problems\":[]}");
    }

    /** Loads the deferred CSRF token on every request, so that the XSRF-TOKEN cookie is there for the browser's first change. */
    private static final class CsrfCookieFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
