package dev.htmxws.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A seeded fuzz loop ({@code dev.htmxws.fuzz.FuzzRun}): the fast tier runs it at a fifth of its depth, and the long
 * tier runs it again at full depth.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(FuzzTest.TAG)
public @interface FuzzTest {
    String TAG = "fuzz";
}
