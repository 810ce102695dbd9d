package dev.htmxws.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * The long tier: a test that starts processes, runs a load or a soak, kills something, drives a terminal or a
 * browser, or fuzzes at depth. {@code ./mvnw test} (and an IDE's run of the whole tree) leaves it out; {@code verify}
 * runs it after the fast tier, one class at a time, through failsafe (pom.xml). Each one prints the figure it measures.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(LongTest.TAG)
public @interface LongTest {
    String TAG = "long";
}
