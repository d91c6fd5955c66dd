package dev.querent.api.web;

import dev.querent.agents.LearningAgent;
import dev.querent.agents.ReviewItem;
import dev.querent.agents.ReviewPlans;
import dev.querent.agents.ReviewQueue;
import dev.querent.agents.access.Role;
import dev.querent.api.security.CurrentUser;
import dev.querent.api.security.ProjectAccess;
import dev.querent.api.security.QuerentUser;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The human validation queue. */
@RestController
@RequestMapping("/api/review-items")
public class ReviewController {
    private final ReviewQueue store;
    private final LearningAgent learning;
    private final Blocking blocking;
    private final ProjectAccess projects;
    private final ReviewPlans plans;

    public ReviewController(
            ReviewQueue store, LearningAgent learning, Blocking blocking, ProjectAccess projects, ReviewPlans plans) {
        this.projects = projects;
        this.plans = plans;
        this.store = store;
        this.learning = learning;
        this.blocking = blocking;
    }

    /** {@code reviewer} is ignored: the decision is recorded under the signed-in user. */
    public record DecisionRequest(String reviewer, String sql, String note) {}

    @GetMapping
    public Mono<List<ReviewItem>> list(
            @RequestParam(required = false) ReviewItem.Status status,
            @RequestParam(required = false) String dataSourceId,
            @RequestParam(required = false) ReviewItem.Reason reason) {
        DataSourceId ds = dataSourceId == null || dataSourceId.isBlank() ? null : new DataSourceId(dataSourceId);
        return CurrentUser.get()
                .flatMap(u -> blocking.call(() -> {
                    if (ds != null) {
                        projects.require(u, ds, Role.REVIEWER);
                    }
                    var reviewable = projects.allowing(u, Role.REVIEWER);
                    return store.listReviewItems(status, ds, reason).stream()
                            .filter(i -> reviewable.test(i.dataSourceId()))
                            .map(plans::attach)
                            .toList();
                }));
    }

    @GetMapping("/{id}")
    public Mono<ReviewItem> get(@PathVariable String id) {
        return CurrentUser.get().flatMap(u -> blocking.call(() -> plans.attach(item(u, id))));
    }

    /** An item of a project where the caller reviews; any other is not found. */
    private ReviewItem item(QuerentUser u, String id) {
        return store.findReviewItem(id)
                .filter(i -> projects.allows(u, i.dataSourceId(), Role.REVIEWER))
                .orElseThrow(() -> new QuerentException(ErrorCode.NOT_FOUND, "No review item " + id));
    }

    @PostMapping("/{id}/approve")
    public Mono<ReviewItem> approve(@PathVariable String id, @RequestBody(required = false) DecisionRequest body) {
        DecisionRequest b = body == null ? new DecisionRequest(null, null, null) : body;
        Requests.maxLength(b.sql(), 100_000, "sql");
        Requests.maxLength(b.note(), 4000, "note");
        return CurrentUser.get()
                .flatMap(u -> blocking.call(
                        () -> plans.attach(learning.approve(item(u, id).id(), u.username(), b.sql(), b.note()))));
    }

    @PostMapping("/{id}/reject")
    public Mono<ReviewItem> reject(@PathVariable String id, @RequestBody(required = false) DecisionRequest body) {
        DecisionRequest b = body == null ? new DecisionRequest(null, null, null) : body;
        Requests.maxLength(b.note(), 4000, "note");
        return CurrentUser.get()
                .flatMap(u -> blocking.call(
                        () -> plans.attach(learning.reject(item(u, id).id(), u.username(), b.note()))));
    }
}
