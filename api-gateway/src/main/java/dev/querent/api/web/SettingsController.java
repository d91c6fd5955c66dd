package dev.querent.api.web;

import dev.querent.agents.DataSourceService;
import dev.querent.agents.ProjectSettings;
import dev.querent.core.DataSourceId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/settings")
public class SettingsController {
    private static final String PROJECT_NAME = "projectName";

    private final ProjectSettings settings;
    private final DataSourceService dataSources;
    private final LlmStatus llm;
    private final Blocking blocking;

    public SettingsController(
            ProjectSettings settings, DataSourceService dataSources, LlmStatus llm, Blocking blocking) {
        this.settings = settings;
        this.dataSources = dataSources;
        this.llm = llm;
        this.blocking = blocking;
    }

    public record Settings(String projectName, String defaultDataSourceId, LlmStatus.View llm) {}

    public record UpdateRequest(String projectName, String defaultDataSourceId) {}

    @GetMapping
    public Mono<Settings> get() {
        return blocking.call(this::current);
    }

    @PutMapping
    public Mono<Settings> update(@RequestBody UpdateRequest body) {
        if (body.projectName() != null) {
            Requests.maxLength(Requests.require(body.projectName(), "projectName"), 200, "projectName");
        }
        return blocking.call(() -> {
            if (body.projectName() != null) {
                settings.put(PROJECT_NAME, body.projectName().strip());
            }
            if (body.defaultDataSourceId() != null
                    && !body.defaultDataSourceId().isBlank()) {
                dataSources.makeDefault(new DataSourceId(body.defaultDataSourceId()));
            }
            return current();
        });
    }

    private Settings current() {
        return new Settings(
                settings.get(PROJECT_NAME).orElse("Querent"),
                dataSources.defaultId().map(DataSourceId::value).orElse(null),
                llm.view());
    }
}
