package dev.querent.connectors.demo;

/**
 * A question the demo warehouse can answer.
 *
 * @param domain the schema it is about: ecommerce, finance, healthcare, saas or retail
 */
public record DemoQuestion(String domain, String question) {}
