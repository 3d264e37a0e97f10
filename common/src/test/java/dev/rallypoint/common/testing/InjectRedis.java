package dev.rallypoint.common.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test's {@code RedisDataSource} field, filled by {@link RedisTestResource} with a client to the
 * test's Redis: in a {@code @QuarkusTest} and in a {@code @QuarkusIntegrationTest} alike, where
 * the service runs as its own process and CDI cannot inject into the test.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectRedis {
}
