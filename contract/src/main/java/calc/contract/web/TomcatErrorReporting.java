package calc.contract.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Makes {@link ContractErrorReportValve} the only error report valve of the embedded Tomcat. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(StandardHost.class)
public class TomcatErrorReporting {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> contractErrorReportValve() {
        return new LastCustomizer();
    }

    /** Runs after Spring Boot's own customizer, which adds the HTML error report valve this one replaces. */
    private static final class LastCustomizer
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.setErrorReportValveClass(ContractErrorReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
