package org.trustgov.starter;

import java.time.Clock;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.trustgov.starter.limits.BodyLimitFilter;
import org.trustgov.starter.limits.ParameterLimitFilter;
import org.trustgov.starter.limits.RequestLimitProperties;
import org.trustgov.starter.limits.SingleValuedParameters;
import org.trustgov.starter.problem.ContentTypeFilter;
import org.trustgov.starter.problem.ProblemDetailsAdvice;
import org.trustgov.starter.problem.ProblemErrorController;
import org.trustgov.starter.problem.ProblemErrorReportValve;
import org.trustgov.starter.problem.RequestRejectedProblemHandler;
import org.trustgov.starter.requestid.RequestIdFilter;
import org.trustgov.starter.requestid.RequestIdForwarding;

/** Web conventions of every service: request ids in logs, RFC 9457 problem bodies for every error. */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(RequestLimitProperties.class)
public class ServiceWebAutoConfiguration {

    /** UTC wall clock for timestamps; tests replace it to pin time. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The request id goes on with every Feign call a request makes. */
    @Bean
    @ConditionalOnClass(name = "feign.RequestInterceptor")
    RequestIdForwarding requestIdForwarding() {
        return new RequestIdForwarding();
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        // Just inside Boot's observation filter (HIGHEST_PRECEDENCE + 1), so its lines carry the trace id as well.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(RequestLimitProperties limits) {
        FilterRegistrationBean<BodyLimitFilter> registration =
                new FilterRegistrationBean<>(new BodyLimitFilter(limits));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ParameterLimitFilter> parameterLimitFilter(RequestLimitProperties limits) {
        FilterRegistrationBean<ParameterLimitFilter> registration =
                new FilterRegistrationBean<>(new ParameterLimitFilter(limits));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** A parameter read as one value, given twice: 400 naming it ({@link SingleValuedParameters}). */
    @Bean
    WebMvcConfigurer singleValuedParameters() {
        SingleValuedParameters check = new SingleValuedParameters();
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(check);
            }
        };
    }

    @Bean
    FilterRegistrationBean<ContentTypeFilter> contentTypeFilter() {
        FilterRegistrationBean<ContentTypeFilter> registration = new FilterRegistrationBean<>(new ContentTypeFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** Paths Spring Security's firewall refuses ({@code ..;}, {@code ;jsessionid=}) are a 400 problem, not a fault. */
    @Bean
    @ConditionalOnMissingBean
    RequestRejectedHandler requestRejectedHandler() {
        return new RequestRejectedProblemHandler();
    }

    /** What Tomcat refuses before Spring sees it ({@code %00}, an encoded slash) also answers with a problem body. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    ProblemErrorController problemErrorController(ErrorAttributes errorAttributes) {
        return new ProblemErrorController(errorAttributes);
    }
}
