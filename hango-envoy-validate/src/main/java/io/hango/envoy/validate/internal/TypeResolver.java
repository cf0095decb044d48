package io.hango.envoy.validate.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the message type named by an {@code Any}'s type URL. Types added by the caller come first; then the generated
 * class is looked up by the naming convention of the Envoy API jar ({@code envoy.*} in {@code io.envoyproxy.envoy.*},
 * {@code xds.*} in {@code com.github.xds.*}, {@code udpa.*} in {@code com.github.udpa.udpa.*}); failing that, the
 * classes of the jar's folder that ends with the proto package are loaded and indexed. Results, including misses, are
 * cached.
 */
public final class TypeResolver {

  /** Outcome of unpacking an {@code Any}. */
  public enum Status { OK, EMPTY_TYPE_URL, UNKNOWN_TYPE, MALFORMED, TYPED_STRUCT }

  /** An unpacked {@code Any}: {@code message} is set for {@link Status#OK} and {@link Status#TYPED_STRUCT}. */
  public record Unpacked(Status status, String typeName, Message message, String error) {}

  private static final Set<String> TYPED_STRUCTS = Set.of("udpa.type.v1.TypedStruct", "xds.type.v3.TypedStruct");

  /** Folder (with trailing slash) to binary class names, for the Envoy API jar; built once, on first miss. */
  private static volatile Map<String, List<String>> apiJarIndex;

  private final Map<String, Message> added;
  private final ConcurrentHashMap<String, Optional<Message>> cache = new ConcurrentHashMap<>();

  /** A resolver that knows {@code added} (full name to default instance) besides the Envoy API. */
  public TypeResolver(Map<String, Message> added) {
    this.added = Map.copyOf(added);
  }

  /** Adds to {@code into} a default instance of every message type (nested too) of {@code file}. */
  public static void addAll(FileDescriptor file, Map<String, Message> into) {
    for (Descriptor d : file.getMessageTypes()) {
      addAll(d, into);
    }
  }

  private static void addAll(Descriptor d, Map<String, Message> into) {
    into.put(d.getFullName(), DynamicMessage.getDefaultInstance(d));
    for (Descriptor nested : d.getNestedTypes()) {
      addAll(nested, into);
    }
  }

  /** The default instance of {@code fullName}, if the type is known. */
  public Optional<Message> find(String fullName) {
    Message m = added.get(fullName);
    if (m != null) {
      return Optional.of(m);
    }
    Optional<Message> cached = cache.get(fullName);
    if (cached != null) {
      return cached;
    }
    Optional<Message> found = Optional.ofNullable(byConvention(fullName));
    if (found.isEmpty()) {
      found = Optional.ofNullable(byPackageScan(fullName));
    }
    cache.put(fullName, found);
    return found;
  }

  /** Unpacks an {@code Any} (generated or dynamic) by its type URL. */
  public Unpacked unpack(Message any) {
    Descriptor d = any.getDescriptorForType();
    String url = (String) any.getField(d.findFieldByNumber(1));
    ByteString value = (ByteString) any.getField(d.findFieldByNumber(2));
    if (url.isEmpty()) {
      return new Unpacked(Status.EMPTY_TYPE_URL, "", null, null);
    }
    String typeName = url.substring(url.lastIndexOf('/') + 1);
    Optional<Message> prototype = find(typeName);
    if (prototype.isEmpty()) {
      return new Unpacked(Status.UNKNOWN_TYPE, typeName, null, null);
    }
    try {
      Message m = prototype.get().getParserForType().parseFrom(value);
      return new Unpacked(TYPED_STRUCTS.contains(typeName) ? Status.TYPED_STRUCT : Status.OK, typeName, m, null);
    } catch (InvalidProtocolBufferException e) {
      return new Unpacked(Status.MALFORMED, typeName, null, e.getMessage());
    }
  }

  private static Message byConvention(String fullName) {
    List<String> javaNames = new ArrayList<>();
    if (fullName.startsWith("envoy.")) {
      javaNames.add("io.envoyproxy." + fullName);
    } else if (fullName.startsWith("xds.")) {
      javaNames.add("com.github.xds." + fullName.substring("xds.".length()));
    } else if (fullName.startsWith("udpa.")) {
      javaNames.add("com.github.udpa." + fullName);
    } else if (fullName.startsWith("google.protobuf.")) {
      javaNames.add("com.google.protobuf." + fullName.substring("google.protobuf.".length()));
    }
    javaNames.add(fullName);
    for (String javaName : javaNames) {
      // A nested message is Outer$Inner: try turning the last dots into '$', one by one.
      String candidate = javaName;
      while (true) {
        Message m = defaultInstance(candidate, fullName);
        if (m != null) {
          return m;
        }
        int dot = candidate.lastIndexOf('.');
        if (dot < 0) {
          break;
        }
        candidate = candidate.substring(0, dot) + '$' + candidate.substring(dot + 1);
      }
    }
    return null;
  }

  private Message byPackageScan(String fullName) {
    Map<String, List<String>> index = apiJarIndex();
    String pkg = fullName;
    for (int dot = pkg.lastIndexOf('.'); dot > 0; dot = pkg.lastIndexOf('.')) {
      pkg = pkg.substring(0, dot);
      String suffix = pkg.replace('.', '/') + "/";
      for (Map.Entry<String, List<String>> folder : index.entrySet()) {
        if (!folder.getKey().equals(suffix) && !folder.getKey().endsWith("/" + suffix)) {
          continue;
        }
        for (String className : folder.getValue()) {
          Message m = defaultInstance(className, null);
          if (m != null) {
            cache.putIfAbsent(m.getDescriptorForType().getFullName(), Optional.of(m));
          }
        }
      }
      Optional<Message> hit = cache.get(fullName);
      if (hit != null) {
        return hit.orElse(null);
      }
    }
    return null;
  }

  /** The default instance of generated class {@code className}, if it is a message (of type {@code expected}). */
  private static Message defaultInstance(String className, String expected) {
    try {
      Class<?> c = Class.forName(className, true, Listener.class.getClassLoader());
      if (!Message.class.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers())) {
        return null;
      }
      Method method = c.getMethod("getDefaultInstance");
      if (!Modifier.isStatic(method.getModifiers())) {
        return null;
      }
      Message m = (Message) method.invoke(null);
      return expected == null || m.getDescriptorForType().getFullName().equals(expected) ? m : null;
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      return null;
    }
  }

  private static Map<String, List<String>> apiJarIndex() {
    Map<String, List<String>> index = apiJarIndex;
    if (index == null) {
      synchronized (TypeResolver.class) {
        index = apiJarIndex;
        if (index == null) {
          index = buildIndex();
          apiJarIndex = index;
        }
      }
    }
    return index;
  }

  private static Map<String, List<String>> buildIndex() {
    Map<String, List<String>> index = new HashMap<>();
    try {
      Path location = Path.of(Listener.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      List<String> entries = new ArrayList<>();
      if (Files.isDirectory(location)) {
        try (Stream<Path> files = Files.walk(location)) {
          files.forEach(f -> entries.add(location.relativize(f).toString().replace('\\', '/')));
        }
      } else {
        try (JarFile jar = new JarFile(location.toFile())) {
          jar.stream().forEach(e -> entries.add(e.getName()));
        }
      }
      for (String entry : entries) {
        if (!entry.endsWith(".class") || entry.contains("OrBuilder") || entry.endsWith("$Builder.class")) {
          continue;
        }
        int slash = entry.lastIndexOf('/');
        String folder = entry.substring(0, slash + 1);
        String className = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
        index.computeIfAbsent(folder, k -> new ArrayList<>()).add(className);
      }
    } catch (IOException | URISyntaxException | SecurityException | NullPointerException e) {
      // No readable code source (unusual class loaders): the convention lookup and added types still work.
      return Map.of();
    }
    return Map.copyOf(index);
  }
}
