package dev.querent.core.sql;

import java.util.List;

/**
 * The guard's answer: either a {@link SafeSql} or the reasons it was refused.
 *
 * @param warnings things that did not block the statement but a reviewer should see
 */
public record GuardVerdict(SafeSql safeSql, List<Rejection> rejections, List<String> warnings) {
    public GuardVerdict {
        rejections = List.copyOf(rejections);
        warnings = List.copyOf(warnings);
        if ((safeSql == null) == rejections.isEmpty()) {
            throw new IllegalArgumentException("a verdict either accepts or names rejections");
        }
    }

    public boolean accepted() {
        return safeSql != null;
    }
}
