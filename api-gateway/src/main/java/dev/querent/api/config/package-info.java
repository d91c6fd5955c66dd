/** Spring wiring: the only place that constructs the plain classes of every module. */
package dev.querent.api.config;
