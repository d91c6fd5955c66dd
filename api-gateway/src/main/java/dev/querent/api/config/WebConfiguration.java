package dev.querent.api.config;

import dev.querent.agents.ChatEvents;
import dev.querent.agents.Orchestrator;
import dev.querent.agents.access.AuditLog;
import dev.querent.api.properties.QuerentProperties;
import dev.querent.api.security.ChatAccess;
import dev.querent.api.security.ModelBudget;
import dev.querent.api.security.RateLimits;
import dev.querent.api.web.Blocking;
import dev.querent.api.web.SqlAudit;
import dev.querent.api.ws.ChatWebSocketHandler;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.WebFilter;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.server.WebsocketServerSpec;
import tools.jackson.databind.json.JsonMapper;

/** The WebSocket route and serving the statically exported UI from the same origin. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    @Bean
    Blocking blocking(
            @Qualifier("blockingScheduler") Scheduler blockingScheduler,
            @Qualifier("queryScheduler") Scheduler queryScheduler) {
        return new Blocking(blockingScheduler, queryScheduler);
    }

    /**
     * WebSocket frames up to {@code querent.limits.max-frame-bytes} are read (the handler answers
     * one that is too large for its use with an error frame); only larger ones close the socket
     * (1009, message too big).
     */
    @Bean
    WebFluxConfigurer webSocketFrames(QuerentProperties props) {
        int max = props.limits().maxFrameBytes();
        return new WebFluxConfigurer() {
            @Override
            public WebSocketService getWebSocketService() {
                return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
                        () -> WebsocketServerSpec.builder().maxFramePayloadLength(max)));
            }
        };
    }

    @Bean
    ChatWebSocketHandler chatWebSocketHandler(
            Orchestrator orchestrator,
            ChatEvents events,
            Blocking blocking,
            JsonMapper json,
            QuerentProperties props,
            ChatAccess access,
            RateLimits limits,
            SqlAudit sqlAudit,
            ModelBudget budget) {
        return new ChatWebSocketHandler(orchestrator, events, blocking, json, props, access, limits, sqlAudit, budget);
    }

    @Bean
    SqlAudit sqlAudit(AuditLog audit) {
        return new SqlAudit(audit);
    }

    @Bean
    HandlerMapping webSocketMapping(ChatWebSocketHandler handler) {
        return new SimpleUrlHandlerMapping(Map.of("/ws/chat", handler), -1);
    }

    /**
     * The UI is a static export with one {@code index.html} per route ({@code /chat/index.html});
     * map extension-less page paths onto them so deep links and reloads work.
     */
    @Bean
    WebFilter staticPageFilter() {
        return (exchange, chain) -> {
            String path = exchange.getRequest().getPath().value();
            if (path.startsWith("/api")
                    || path.startsWith("/ws")
                    || path.startsWith("/actuator")
                    || path.startsWith("/v3")
                    || path.startsWith("/swagger")
                    || path.startsWith("/webjars")
                    || path.lastIndexOf('.') > path.lastIndexOf('/')) {
                return chain.filter(exchange);
            }
            String page = (path.endsWith("/") ? path : path + "/") + "index.html";
            if (!new ClassPathResource("static" + page).exists()) {
                return chain.filter(exchange);
            }
            return chain.filter(exchange.mutate()
                    .request(exchange.getRequest().mutate().path(page).build())
                    .build());
        };
    }
}
