package io.hango.envoy.validate.internal;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.hango.envoy.validate.Severity;
import io.hango.envoy.validate.Violation;
import java.util.List;

/** Collects the violations of one resource, at the current position of its {@link FieldPath}. */
public final class ViolationSink {

  private final String resourceType;
  private final String resourceName;
  private final List<Violation> out;
  private final FieldPath path = new FieldPath();
  private String rulePrefix = "";

  /** A sink that appends to {@code out} violations of {@code resource}. */
  public ViolationSink(Message resource, List<Violation> out) {
    this.resourceType = resource.getDescriptorForType().getFullName();
    this.resourceName = nameOf(resource);
    this.out = out;
  }

  /** The {@code name} of a resource, or {@code cluster_name} for a ClusterLoadAssignment; empty if it has neither. */
  public static String nameOf(Message resource) {
    for (String field : new String[] {"name", "cluster_name"}) {
      FieldDescriptor fd = resource.getDescriptorForType().findFieldByName(field);
      if (fd != null && fd.getJavaType() == FieldDescriptor.JavaType.STRING && !fd.isRepeated()) {
        return (String) resource.getField(fd);
      }
    }
    return "";
  }

  /** The path of the value being checked. */
  public FieldPath path() {
    return path;
  }

  /** Whether an error was already reported at the current path. */
  public boolean hasErrorHere() {
    String here = path.render();
    return out.stream().anyMatch(v -> v.severity() == Severity.ERROR && v.path().equals(here));
  }

  /** Reports an error at the current path. */
  public void error(String rule, String message) {
    report(Severity.ERROR, path.render(), rule, message);
  }

  /** Reports a violation at an explicit path. */
  public void report(Severity severity, String atPath, String rule, String message) {
    out.add(new Violation(severity, resourceType, resourceName, atPath, rulePrefix + rule, message));
  }

  /** Sets a prefix for the rules reported next (used for map keys); returns the previous one. */
  String rulePrefix(String prefix) {
    String previous = rulePrefix;
    rulePrefix = prefix;
    return previous;
  }
}
