package io.hango.model.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import io.hango.model.Durations;
import io.hango.model.io.internal.Shapes;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.io.IOException;
import java.time.Duration;

/**
 * The Jackson mappers that read and write the model: durations as {@code 5s}, absent optionals and
 * empty collections left out (empty strings kept), unknown fields rejected, enums matched case-insensitively.
 */
public final class HangoMappers {

  /** Empty collections are left out; their entries are kept even when empty strings. */
  private static final JsonInclude.Value COLLECTIONS =
      JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_ABSENT);

  private static final ObjectMapper JSON = configure(JsonMapper.builder()).build();
  private static final ObjectMapper YAML =
      configure(
              YAMLMapper.builder(
                  YAMLFactory.builder()
                      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                      .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
                      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                      .disable(YAMLGenerator.Feature.SPLIT_LINES)
                      .build()))
          .build();

  private HangoMappers() {}

  /** A mapper for JSON. Shared and thread-safe: do not reconfigure it; {@code copy()} it instead. */
  public static ObjectMapper json() {
    return JSON;
  }

  /** A mapper for YAML. Shared and thread-safe: do not reconfigure it; {@code copy()} it instead. */
  public static ObjectMapper yaml() {
    return YAML;
  }

  /**
   * The Jackson module with the model's value formats: durations, and short forms written as a
   * string for types that declare a static {@code @JsonCreator} factory taking one {@code String}
   * (besides their object form).
   */
  public static SimpleModule module() {
    SimpleModule m = new SimpleModule("hango-model");
    m.addSerializer(Duration.class, new DurationSerializer());
    m.addDeserializer(Duration.class, new DurationDeserializer());
    m.setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
        Class<?> c = beanDesc.getBeanClass();
        if (c.isEnum() || c.isPrimitive() || c.getName().startsWith("java.")) {
          return deserializer;
        }
        return Shapes.shorthandFactory(c).<JsonDeserializer<?>>map(f -> new ShorthandDeserializer(deserializer, f)).orElse(deserializer);
      }
    });
    return m;
  }

  private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> B configure(B b) {
    return b.addModule(new Jdk8Module())
        .addModule(module())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        // Leave out what is absent, and empty lists and maps, but keep empty strings: an empty
        // header value or body is a value, and must survive a write/read round trip.
        .serializationInclusion(JsonInclude.Include.NON_ABSENT)
        .withConfigOverride(java.util.List.class, o -> o.setInclude(COLLECTIONS))
        .withConfigOverride(java.util.Set.class, o -> o.setInclude(COLLECTIONS))
        .withConfigOverride(java.util.Map.class, o -> o.setInclude(COLLECTIONS));
  }

  /** Reads a string with the type's short-form factory, anything else as the type's object form. */
  private static final class ShorthandDeserializer extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;
    private final transient Method factory;

    ShorthandDeserializer(JsonDeserializer<?> delegate, Method factory) {
      super(delegate);
      this.factory = factory;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
      return new ShorthandDeserializer(newDelegatee, factory);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return super.deserialize(p, ctxt);
      }
      try {
        return factory.invoke(null, p.getText());
      } catch (InvocationTargetException e) {
        return ctxt.handleWeirdStringValue(handledType(), p.getText(), String.valueOf(e.getCause().getMessage()));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static final class DurationSerializer extends JsonSerializer<Duration> {
    @Override
    public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeString(Durations.format(value));
    }
  }

  private static final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
      }
      try {
        return Durations.parse(p.getText());
      } catch (IllegalArgumentException e) {
        return (Duration) ctxt.handleWeirdStringValue(Duration.class, p.getText(), e.getMessage());
      }
    }
  }
}
