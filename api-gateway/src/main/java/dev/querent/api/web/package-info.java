/** REST controllers and the problem-details error mapping. */
package dev.querent.api.web;
