package calc.contract.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Import this into a calc REST service to make every error body the contract's
 * {@code {"error": {"code", "message"}}} JSON, wherever the error is raised: in a controller or
 * Spring MVC ({@link FrameworkErrorAdvice}), outside any controller ({@link FallbackErrorController})
 * or in Tomcat before Spring sees the request ({@link TomcatErrorReporting}). Does nothing in an
 * application that serves no HTTP (such as request-producer's load command).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({FrameworkErrorAdvice.class, FallbackErrorController.class, TomcatErrorReporting.class})
public class ContractWebErrors {
}
