package org.crisisreplay.timeline;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A failing projection handler fails the run that stores the events (and, in a streaming
 * processor, stops it in error): a story is never stored with a projection that silently skipped it.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionConfig {

    @Bean
    public ConfigurerModule timelineErrorsPropagate() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(TimelineProjection.GROUP, c -> PropagatingErrorHandler.instance()));
    }
}
