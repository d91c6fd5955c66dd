/** Everything configurable, bound from {@code querent.*} properties and {@code QUERENT_*} variables. */
package dev.querent.api.properties;
