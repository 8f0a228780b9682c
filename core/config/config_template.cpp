// Rendering of the `{{ name }}` template variables that MatrixCtl config files may contain.
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "config/config_internal.h"
#include "diagnostics.h"

namespace matrixctl::config::detail {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Stands in for a reference to a file value during the first pass, when the
// file's values are not known yet. It is a plain YAML word, so it parses
// wherever the real value would.
constexpr std::string_view kUnresolved = "__matrixctl_unresolved__";

constexpr std::string_view kPredefinedNames[] = {
    "home", "user", "default_ssh_port", "default_api_concurrent_limit", "well_knowen_path"};

constexpr const char* kOnlyVariablesHint =
    "matrixctl substitutes only variables such as {{ home }} or "
    "{{ servers.default.api.domain }}, so write the value out, or move a secret that contains "
    "such braces to token_file, password_file or client_secret_file";

bool is_name(std::string_view text) {
  if (text.empty()) return false;
  if (std::isalpha(static_cast<unsigned char>(text[0])) == 0 && text[0] != '_') return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  });
}

bool is_index(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

std::vector<std::string> split_dotted(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t begin = 0;
  while (true) {
    const auto dot = text.find('.', begin);
    parts.emplace_back(text.substr(begin, dot - begin));
    if (dot == std::string_view::npos) break;
    begin = dot + 1;
  }
  return parts;
}

bool is_variable_path(const std::vector<std::string>& parts) {
  if (!is_name(parts.front())) return false;
  return std::all_of(parts.begin() + 1, parts.end(),
                     [](const std::string& part) { return is_name(part) || is_index(part); });
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::vector<std::string> map_keys(const YAML::Node& node) {
  std::vector<std::string> keys;
  if (!node.IsMap()) return keys;
  for (const auto& entry : node) keys.push_back(entry.first.Scalar());
  return keys;
}

// One pass over the file text. `values_` is the file parsed by the first
// pass, or null during the first pass.
class Renderer {
 public:
  Renderer(const SourceFile& file, const TemplateSystem& system, const YAML::Node* values)
      : file_(file), system_(system), values_(values) {}

  void run();

  std::string output;
  SourceMap map;
  bool refers_to_file_values = false;

 private:
  void render_line(std::size_t begin, std::size_t end);
  // Replaces the construct opening at `open` and returns the offset after it.
  std::size_t render_construct(std::size_t open, std::size_t line_end);
  std::string resolve(const std::vector<std::string>& parts, std::size_t open);
  std::string resolve_in_file(const std::vector<std::string>& parts, std::size_t open);
  std::optional<std::string> predefined(const std::string& name) const;
  [[noreturn]] void fail(std::size_t open, std::string reason, std::string hint) const;

  const SourceFile& file_;
  const TemplateSystem& system_;
  const YAML::Node* values_;
  std::size_t literal_from_ = 0;
  std::size_t line_begin_ = 0;
};

// The last secret-looking key written as `key:` in `text`, else empty.
// Every key counts, so both `password: "a:b{%"` and the flow map
// `api: {auth_token: {token: "a{%"}}` are found.
std::string find_secret_key(std::string_view text) {
  std::string found;
  for (std::size_t colon = text.find(':'); colon != std::string_view::npos;
       colon = text.find(':', colon + 1)) {
    std::size_t begin = colon;
    while (begin > 0) {
      const char c = text[begin - 1];
      if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_' && c != '-') break;
      --begin;
    }
    const std::string_view key = text.substr(begin, colon - begin);
    if (is_secret_key(key)) found = key;
  }
  return found;
}

void Renderer::fail(std::size_t open, std::string reason, std::string hint) const {
  // The text of a failed template after a secret's key may be part of the
  // secret, so it is not echoed.
  // NOTE: A continuation line of a multi-line secret has no key on it and is
  // not recognized.
  const std::string secret_key =
      find_secret_key(std::string_view(file_.text).substr(line_begin_, open - line_begin_));
  if (!secret_key.empty()) {
    reason = "the value of `" + secret_key + "` contains a Jinja template that cannot be rendered";
    hint = kOnlyVariablesHint;
  }
  throw Error(MCTL_ERR_CONFIG, file_.position_of_offset(open), std::move(reason), std::move(hint));
}

void Renderer::run() {
  const std::string& text = file_.text;
  literal_from_ = text.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
  map.add_literal(0, literal_from_);
  std::size_t line_begin = literal_from_;
  while (line_begin < text.size()) {
    auto line_end = text.find('\n', line_begin);
    if (line_end == std::string::npos) line_end = text.size();
    render_line(line_begin, line_end);
    line_begin = line_end + 1;
  }
  output.append(text, literal_from_, std::string::npos);
}

// Templates are rendered outside YAML comments only, so a commented-out
// line cannot fail the load. A quote opens a YAML string only at the start
// of a scalar, so an apostrophe inside a plain word does not.
// NOTE: The quote state is reset at every line, so a `#` on a continuation
// line of a multi-line quoted string is taken for a comment there.
void Renderer::render_line(std::size_t begin, std::size_t end) {
  const std::string& text = file_.text;
  line_begin_ = begin;
  char quote = 0;
  std::size_t i = begin;
  while (i < end) {
    const char c = text[i];
    const char next = i + 1 < end ? text[i + 1] : '\0';
    const char previous = i > begin ? text[i - 1] : ' ';
    if (c == '{' && (next == '{' || next == '%' || next == '#')) {
      i = render_construct(i, end);
      continue;
    }
    if (quote == '"' && c == '\\') {
      i += 2;
      continue;
    }
    if (quote == '\'' && c == '\'' && next == '\'') {
      i += 2;
      continue;
    }
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '#' && (previous == ' ' || previous == '\t')) {
      return;
    } else if ((c == '"' || c == '\'') && (previous == ' ' || previous == '\t' || previous == '[' ||
                                           previous == '{' || previous == ',')) {
      quote = c;
    }
    ++i;
  }
}

std::size_t Renderer::render_construct(std::size_t open, std::size_t line_end) {
  const std::string& text = file_.text;
  const char kind = text[open + 1];
  std::string_view closer = "}}";
  if (kind == '%') closer = "%}";
  if (kind == '#') closer = "#}";
  const auto close = text.find(closer, open + 2);
  const bool closed = close != std::string::npos && close < line_end;
  const std::size_t after = closed ? close + 2 : line_end;
  std::string snippet = text.substr(open, std::min<std::size_t>(after - open, 60));

  if (kind == '%') {
    fail(open, "Jinja statement `" + snippet + "` is not supported", kOnlyVariablesHint);
  }
  if (kind == '#') {
    fail(open, "Jinja comment `" + snippet + "` is not supported", kOnlyVariablesHint);
  }
  if (!closed) {
    fail(open, "`{{` is not closed by `}}` on the same line",
         "close it on the same line, e.g. {{ home }}");
  }

  const std::string_view inner = trim(std::string_view(text).substr(open + 2, close - open - 2));
  if (inner.starts_with('-') || inner.starts_with('+') || inner.ends_with('-') ||
      inner.ends_with('+')) {
    fail(open, "Jinja whitespace control in `" + snippet + "` is not supported",
         kOnlyVariablesHint);
  }
  const auto parts = split_dotted(inner);
  if (!is_variable_path(parts)) {
    const char* construct = inner.find('|') != std::string_view::npos ? "filter" : "expression";
    fail(open, std::string("Jinja ") + construct + " `" + snippet + "` is not supported",
         kOnlyVariablesHint);
  }

  const std::string value = resolve(parts, open);
  output.append(text, literal_from_, open - literal_from_);
  map.add_substitution(output.size(), open);
  output += value;
  literal_from_ = after;
  map.add_literal(output.size(), after);
  return after;
}

std::optional<std::string> Renderer::predefined(const std::string& name) const {
  if (name == "home") return system_.home;
  if (name == "user") return system_.user;
  if (name == "default_ssh_port") return "22";
  if (name == "default_api_concurrent_limit") return "4";
  if (name == "well_knowen_path") return ".well-known/openid-configuration";
  return std::nullopt;
}

std::string Renderer::resolve(const std::vector<std::string>& parts, std::size_t open) {
  const std::string& first = parts.front();
  // Like MatrixCtl, a top-level key overrides the other predefined names
  // but not `home`.
  const bool file_defines = first != "home" && values_ != nullptr && values_->IsMap() &&
                            static_cast<bool>((*values_)[first]);
  if (file_defines) return resolve_in_file(parts, open);

  if (const auto value = predefined(first)) {
    if (parts.size() == 1) return *value;
    fail(open, "undefined template variable `" + parts[0] + "." + parts[1] + "`",
         "`" + first + "` is a single value without keys");
  }
  if (values_ == nullptr) {
    refers_to_file_values = true;
    return std::string(kUnresolved);
  }

  std::vector<std::string> candidates(std::begin(kPredefinedNames), std::end(kPredefinedNames));
  for (auto& key : map_keys(*values_)) candidates.push_back(std::move(key));
  const auto suggestion = closest_match(first, candidates);
  fail(open, "undefined template variable `" + first + "`",
       suggestion ? "did you mean `" + *suggestion + "`?"
                  : "use home, user, default_ssh_port, default_api_concurrent_limit, "
                    "well_knowen_path or a dotted path into this file such as "
                    "servers.default.api.domain");
}

std::string Renderer::resolve_in_file(const std::vector<std::string>& parts, std::size_t open) {
  refers_to_file_values = true;
  YAML::Node node = (*values_)[parts.front()];
  std::string path = parts.front();
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    const YAML::Node child = find_node(node, part);
    if (!child) {
      const auto suggestion = closest_match(part, map_keys(node));
      fail(open,
           "undefined template variable `" + path + "." + part + "`: `" + path + "` has no " +
               (node.IsSequence() ? "item " : "key ") + "`" + part + "`",
           suggestion ? "did you mean `" + path + "." + *suggestion + "`?"
                      : "check the spelling against the keys of this file");
    }
    // reset() rebinds the handle, because assignment would overwrite the
    // node in the tree.
    node.reset(child);
    path += "." + part;
  }

  if (node.IsNull()) return {};
  if (!node.IsScalar()) {
    fail(open,
         "template variable `" + path + "` is a " + (node.IsMap() ? "map" : "list") +
             ", not a single value",
         "refer to one of its entries, e.g. {{ " + path + ".KEY }}");
  }
  if (node.Scalar().find(kUnresolved) != std::string::npos) {
    fail(open,
         "template variable `" + path + "` refers to a value that is itself built from " +
             "another value of the file, which is resolved one level deep only",
         "refer to the original value directly, or write the value out");
  }
  return node.Scalar();
}

std::string first_set_env(std::initializer_list<const char*> names) {
  for (const char* name : names) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') return value;
  }
  return {};
}

}  // namespace

TemplateSystem system_template_values() {
  TemplateSystem system;
  system.home = first_set_env({"HOME"});
  system.user = first_set_env({"LOGNAME", "USER", "LNAME", "USERNAME"});
  if (system.home.empty() || system.user.empty()) {
    if (const passwd* entry = getpwuid(getuid())) {
      if (system.home.empty() && entry->pw_dir != nullptr) system.home = entry->pw_dir;
      if (system.user.empty() && entry->pw_name != nullptr) system.user = entry->pw_name;
    }
  }
  return system;
}

void render_and_parse(SourceFile& file, const TemplateSystem& system) {
  Renderer first(file, system, nullptr);
  first.run();
  file.rendered = std::move(first.output);
  file.map = std::move(first.map);
  parse_yaml(file);
  if (!first.refers_to_file_values) return;

  // Second pass, as in MatrixCtl: the values parsed from the first pass
  // become variables, so `{{ servers.default.api.domain }}` works.
  const YAML::Node values = file.root;
  Renderer second(file, system, &values);
  second.run();
  file.rendered = std::move(second.output);
  file.map = std::move(second.map);
  parse_yaml(file);
}

}  // namespace matrixctl::config::detail
