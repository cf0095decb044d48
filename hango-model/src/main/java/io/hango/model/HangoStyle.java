package io.hango.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of the Hango model: every value type is declared with it, so every
 * builder reads the same way ({@code Route.builder()}, {@code addDestination(..)}, {@code from(..)}).
 *
 * <p>Only structural rules are enforced when a value is built (required attributes). Semantic rules
 * (ranges, formats, cross-references) are checked all at once by {@link GatewayConfig#validate()}, so
 * that a user sees every problem in one pass instead of the first one.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    get = {"get*", "is*"},
    depluralize = true,
    depluralizeDictionary = {"address:addresses", "status:statuses", "retryOn:retryOn", "hosts:host"},
    clearBuilder = true,
    jdkOnly = true,
    forceJacksonPropertyNames = false,
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    builderVisibility = Value.Style.BuilderVisibility.PUBLIC,
    defaults = @Value.Immutable(lazyhash = true))
public @interface HangoStyle {}
