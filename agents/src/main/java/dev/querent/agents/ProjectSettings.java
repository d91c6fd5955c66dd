package dev.querent.agents;

import java.util.Optional;

/** Named settings an administrator changes at run time (the project's name, …). */
public interface ProjectSettings {

    Optional<String> get(String key);

    void put(String key, String value);
}
