package org.crisisreplay.timeline;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A failing projection handler fails the run that stores the events (and, in a streaming
 * processor, stops it in error): a story is never stored with a projection that silently skipped it.
 * A pooled processor renews its segments' claims every second, well within the claim timeout
 * ({@code axon.eventhandling.tokenstore.claim-timeout}) after which another instance sharing the
 * store takes a segment over: a live instance's claims are never taken, a killed one's are.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionConfig {

    /** How often a pooled processor renews the claims of its idle segments. */
    static final long CLAIM_RENEWAL_MS = 1000;

    @Bean
    public ConfigurerModule timelineErrorsPropagate() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(TimelineProjection.GROUP, c -> PropagatingErrorHandler.instance())
                .registerPooledStreamingEventProcessorConfiguration(TimelineProjection.GROUP,
                        (c, builder) -> builder.claimExtensionThreshold(CLAIM_RENEWAL_MS)));
    }
}
