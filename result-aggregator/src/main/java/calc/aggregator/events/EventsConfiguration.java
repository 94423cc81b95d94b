package calc.aggregator.events;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dashboard's timeline: its log, fed by the membership the lag engine sees and by recorded verdicts. */
@Configuration(proxyBeanMethods = false)
public class EventsConfiguration {

    @Bean
    EventLog eventLog() {
        return new EventLog(200);
    }

    @Bean
    MembershipWatcher membershipWatcher(EventLog eventLog) {
        return new MembershipWatcher(eventLog);
    }
}
