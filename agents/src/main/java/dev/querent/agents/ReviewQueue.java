package dev.querent.agents;

import dev.querent.core.DataSourceId;
import java.util.List;
import java.util.Optional;

/** The human validation queue as the API reads it (deciding goes through the {@link LearningAgent}). */
public interface ReviewQueue {

    Optional<ReviewItem> findReviewItem(String id);

    /** Items filtered by any of status, data source and reason ({@code null}: any). */
    List<ReviewItem> listReviewItems(ReviewItem.Status status, DataSourceId dataSourceId, ReviewItem.Reason reason);
}
