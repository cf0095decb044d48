package io.hango.routesim.internal;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Envoy's URI templates ({@code envoy.path.match.uri_template} and
 * {@code envoy.path.rewrite.uri_template}): {@code *} matches one path segment, {@code **} any
 * remaining text including slashes, {@code {name}} / {@code {name=pattern}} capture a variable.
 * The template is translated to an RE2 regex the way Envoy's {@code uri_template_internal.cc} does.
 */
public final class UriTemplate {
  private static final String LITERAL = "a-zA-Z0-9-._~%!$&'()+,;:@=";
  private static final String PATH_GLOB = "[" + LITERAL + "]+";
  private static final String TEXT_GLOB = "[" + LITERAL + "/]*";
  private static final Pattern VALID_LITERAL = Pattern.compile("[" + LITERAL + "]+");
  private static final Pattern VALID_REWRITE_LITERAL = Pattern.compile("[" + LITERAL + "/]+");
  private static final Pattern VARIABLE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");
  private static final Pattern PRINTABLE = Pattern.compile("/[\\x21-\\x7e]*");

  private final String template;
  private final Pattern regex;
  private final List<String> variables;

  private UriTemplate(String template, Pattern regex, List<String> variables) {
    this.template = template;
    this.regex = regex;
    this.variables = variables;
  }

  /** Parses a match template, or records a problem and returns null. */
  public static UriTemplate parse(String template, Problems problems, String where) {
    try {
      List<String> variables = new ArrayList<>();
      String regex = toRegex(template, variables);
      return new UriTemplate(template, Pattern.compile(regex), variables);
    } catch (IllegalArgumentException e) {
      problems.add(where, "invalid path template '" + template + "': " + e.getMessage());
      return null;
    }
  }

  public String template() {
    return template;
  }

  /** Full match of the path without its query, as {@code UriTemplateMatcher::match}. */
  public boolean matches(String pathWithoutQuery) {
    return regex.matches(pathWithoutQuery);
  }

  /** Checks a rewrite template against this match template; returns a problem message or null. */
  public String checkRewrite(String rewrite) {
    try {
      parseRewrite(rewrite);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** Rewrites {@code pathWithoutQuery} with {@code rewrite}; null when the path does not match. */
  public String rewrite(String pathWithoutQuery, String rewrite) {
    Matcher m = regex.matcher(pathWithoutQuery);
    if (!m.matches()) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (Object segment : parseRewrite(rewrite)) {
      if (segment instanceof Integer) {
        out.append(m.group((Integer) segment));
      } else {
        out.append((String) segment);
      }
    }
    return out.toString();
  }

  private List<Object> parseRewrite(String pattern) {
    if (pattern.contains("//")) {
      throw new IllegalArgumentException("invalid rewrite literal (double slash): " + pattern);
    }
    if (pattern.isEmpty() || pattern.charAt(0) != '/') {
      throw new IllegalArgumentException("rewrite template must start with '/': " + pattern);
    }
    List<Object> segments = new ArrayList<>();
    String rest = pattern;
    while (!rest.isEmpty()) {
      int open = rest.indexOf('{');
      String literal = open < 0 ? rest : rest.substring(0, open);
      if (!literal.isEmpty()) {
        if (!VALID_REWRITE_LITERAL.matches(literal)) {
          throw new IllegalArgumentException("invalid rewrite literal '" + literal + "'");
        }
        segments.add(literal);
      }
      if (open < 0) {
        break;
      }
      int close = rest.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException("unmatched variable bracket in '" + pattern + "'");
      }
      String name = rest.substring(open + 1, close);
      if (!VARIABLE_NAME.matches(name)) {
        throw new IllegalArgumentException("invalid variable name '" + name + "'");
      }
      int index = variables.indexOf(name);
      if (index < 0) {
        throw new IllegalArgumentException("rewrite uses variable '" + name
            + "' that the match template " + template + " does not capture");
      }
      segments.add(index + 1);
      rest = rest.substring(close + 1);
    }
    return segments;
  }

  private static String toRegex(String template, List<String> variables) {
    if (!PRINTABLE.matches(template)) {
      throw new IllegalArgumentException("must start with '/' and contain only printable characters");
    }
    StringBuilder regex = new StringBuilder();
    Set<String> names = new HashSet<>();
    boolean seenTextGlob = false;
    boolean previousWasSlash = false;
    String rest = template;
    while (!rest.isEmpty()) {
      boolean isSlash = false;
      if (rest.startsWith("**") || rest.startsWith("*")) {
        boolean text = rest.startsWith("**");
        if (seenTextGlob) {
          throw new IllegalArgumentException("glob after text glob");
        }
        seenTextGlob = text;
        regex.append(text ? TEXT_GLOB : PATH_GLOB);
        rest = rest.substring(text ? 2 : 1);
      } else if (rest.charAt(0) == '{') {
        int close = rest.indexOf('}');
        if (close < 0) {
          throw new IllegalArgumentException("unmatched variable bracket");
        }
        String body = rest.substring(1, close);
        rest = rest.substring(close + 1);
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        if (!VARIABLE_NAME.matches(name)) {
          throw new IllegalArgumentException("invalid variable name '" + name + "'");
        }
        if (name.length() > 16) {
          throw new IllegalArgumentException("variable name longer than 16 characters: " + name);
        }
        if (!names.add(name)) {
          throw new IllegalArgumentException("repeated variable name '" + name + "'");
        }
        if (names.size() > 5) {
          throw new IllegalArgumentException("more than 5 variables");
        }
        variables.add(name);
        regex.append("(").append("?P<").append(name).append(">");
        if (eq < 0) {
          if (seenTextGlob) {
            throw new IllegalArgumentException("implicit variable path glob after text glob");
          }
          regex.append(PATH_GLOB);
        } else {
          String match = body.substring(eq + 1);
          if (match.isEmpty()) {
            throw new IllegalArgumentException("empty variable match");
          }
          isSlash = match.startsWith("/");
          boolean lastWasOperator = false;
          while (!match.isEmpty()) {
            if (match.charAt(0) == '*' && !lastWasOperator) {
              boolean text = match.startsWith("**");
              if (seenTextGlob) {
                throw new IllegalArgumentException("glob after text glob");
              }
              seenTextGlob = text;
              regex.append(text ? TEXT_GLOB : PATH_GLOB);
              match = match.substring(text ? 2 : 1);
              lastWasOperator = true;
            } else if (match.charAt(0) != '/' && lastWasOperator) {
              throw new IllegalArgumentException("a literal cannot directly follow an operator");
            } else {
              String[] lit = nextLiteral(match);
              regex.append(quote(lit[0]));
              match = lit[1];
              lastWasOperator = false;
            }
          }
        }
        regex.append(")");
      } else {
        String[] lit = nextLiteral(rest);
        isSlash = lit[0].equals("/");
        regex.append(quote(lit[0]));
        rest = lit[1];
      }
      if (isSlash && previousWasSlash) {
        throw new IllegalArgumentException("double slashes are not allowed");
      }
      previousWasSlash = isSlash;
    }
    return regex.toString();
  }

  /** Splits off the next literal: a lone '/' or text up to the next '/' or '{'. */
  private static String[] nextLiteral(String pattern) {
    if (pattern.charAt(0) == '/') {
      return new String[] {"/", pattern.substring(1)};
    }
    int end = pattern.length();
    int slash = pattern.indexOf('/');
    if (slash >= 0) {
      end = slash;
    }
    int brace = pattern.indexOf('{');
    if (brace >= 0 && brace < end) {
      end = brace;
    }
    String literal = pattern.substring(0, end);
    if (!VALID_LITERAL.matches(literal)) {
      throw new IllegalArgumentException("invalid literal '" + literal + "'");
    }
    return new String[] {literal, pattern.substring(end)};
  }

  private static String quote(String literal) {
    return literal.replace("$", "\\$").replace("(", "\\(").replace(")", "\\)")
        .replace("+", "\\+").replace(".", "\\.");
  }
}
