package dev.querent.agents.access;

/** One-way password hashing (a slow, salted algorithm); given by the application. */
public interface PasswordHasher {
    String hash(String rawPassword);

    boolean matches(String rawPassword, String hash);
}
