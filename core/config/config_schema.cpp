// The config file schema: type checks, unknown-key warnings and normalization of each file.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>

#include "config/config_internal.h"
#include "config/config_schema_table.h"
#include "diagnostics.h"

namespace matrixctl::config::detail {
namespace {

using schema::Field;
using schema::Kind;

std::string lower(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

std::string join_path(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : path + "." + std::string(name);
}

std::string format_number(double value) {
  if (value == std::floor(value) && std::abs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  std::string text = std::to_string(value);
  while (text.ends_with('0')) text.pop_back();
  return text;
}

std::string describe_expected(const Field& field) {
  if (!field.expected.empty()) return std::string(field.expected);
  std::string range;
  if (std::isfinite(field.min) && std::isfinite(field.max)) {
    range = " from " + format_number(field.min) + " to " + format_number(field.max);
  } else if (std::isfinite(field.min)) {
    range = " of at least " + format_number(field.min);
  }
  std::string choices;
  for (const auto choice : field.choices) {
    choices += choices.empty() ? "" : ", ";
    choices += choice;
  }
  switch (field.kind) {
    case Kind::map:
    case Kind::servers:
      return "a map of keys";
    case Kind::string:
      return choices.empty() ? "a single value" : "one of " + choices;
    case Kind::integer:
      return "a whole number" + range;
    case Kind::number:
      return "a number" + range;
    case Kind::boolean:
      return "true or false";
    case Kind::url:
      return "an http:// or https:// URL";
    case Kind::string_list:
      return choices.empty() ? "a list of values" : "a list of values out of " + choices;
    case Kind::map_list:
      return "a list of maps";
  }
  return {};
}

std::string describe_example(const Field& field) {
  if (!field.example.empty()) return std::string(field.example);
  switch (field.kind) {
    case Kind::boolean:
      return std::string(field.name) + ": true";
    case Kind::url:
      return std::string(field.name) + ": https://auth.example.org/...";
    case Kind::map:
      return std::string(field.name) + ": {" + std::string(field.children.front().name) + ": ...}";
    case Kind::string:
      if (!field.choices.empty()) {
        return std::string(field.name) + ": " + std::string(field.choices.front());
      }
      return std::string(field.name) + ": ...";
    default:
      return std::string(field.name) + ": ...";
  }
}

std::optional<long long> parse_integer(const std::string& text) {
  long long value = 0;
  const char* begin = text.data() + (text.starts_with('+') ? 1 : 0);
  const char* end = text.data() + text.size();
  const auto result = std::from_chars(begin, end, value);
  if (result.ec != std::errc() || result.ptr != end || begin == end) return std::nullopt;
  return value;
}

std::optional<double> parse_number(const std::string& text) {
  double value = 0;
  const char* begin = text.data() + (text.starts_with('+') ? 1 : 0);
  const char* end = text.data() + text.size();
  const auto result = std::from_chars(begin, end, value);
  if (result.ec != std::errc() || result.ptr != end || begin == end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<bool> parse_boolean(const std::string& text) {
  const std::string word = lower(text);
  if (word == "true" || word == "yes" || word == "on") return true;
  if (word == "false" || word == "no" || word == "off") return false;
  return std::nullopt;
}

// Whether `text` is an http(s) URL with a host.
bool is_http_url(const std::string& text) {
  const auto separator = text.find("://");
  if (separator == std::string::npos) return false;
  const std::string scheme = lower(text.substr(0, separator));
  if (scheme != "http" && scheme != "https") return false;
  const std::string rest = text.substr(scheme.size() + 3);
  return !rest.empty() && rest.front() != '/' && rest.find_first_of(" \t") == std::string::npos;
}

class Validator {
 public:
  Validator(SourceFile& file, std::vector<std::string>& warnings,
            std::map<std::string, ServerIssues>& servers)
      : file_(file), warnings_(warnings), servers_(servers) {}

  void check_map(YAML::Node node, std::span<const Field> fields, const std::string& path);

 private:
  void check_value(YAML::Node value, const Field& field, const std::string& path);
  void check_servers(YAML::Node node, const Field& field);
  void check_scalar(YAML::Node value, const Field& field, const std::string& path);
  void expand_merge_keys(YAML::Node node);
  // Warns about a legacy key and returns whether its value should move.
  bool warn_legacy_key(const YAML::Node& key, const YAML::Node& map, const Field& field,
                       const std::string& path);
  void move_legacy_key(YAML::Node map, const Field& field, bool keep_value);
  // yaml-cpp 0.7.0 keeps both entries of a repeated key, and the loader's
  // deep merge then applies the later one over the earlier one.
  void warn_duplicate(const YAML::Node& key, const std::string& path) {
    warnings_.push_back(file_.position(key.Mark()) + ": `" + path +
                        "` is set more than once; the later value wins key by key");
  }
  void warn_unknown(const YAML::Node& key, std::span<const Field> fields, const std::string& path);
  [[noreturn]] void fail_type(const YAML::Node& value, const Field& field,
                              const std::string& path) const;
  [[noreturn]] void fail(const YAML::Node& at, std::string reason, std::string hint) const {
    throw Error(MCTL_ERR_CONFIG, file_.position(at.Mark()), std::move(reason), std::move(hint));
  }

  SourceFile& file_;
  std::vector<std::string>& warnings_;
  std::map<std::string, ServerIssues>& servers_;
};

void Validator::check_map(YAML::Node node, std::span<const Field> fields, const std::string& path) {
  expand_merge_keys(node);
  std::vector<std::pair<const Field*, bool>> legacy_moves;
  std::set<std::string> seen;
  for (const auto& entry : node) {
    if (!entry.first.IsScalar()) {
      const std::string where =
          path.empty() ? std::string("at the top level") : "below `" + path + "`";
      fail(entry.first, "a key " + where + " is a list or map, not a name",
           "write each key as a plain name followed by a colon");
    }
    const std::string& name = entry.first.Scalar();
    if (!seen.insert(name).second) warn_duplicate(entry.first, join_path(path, name));
    const auto field = std::find_if(fields.begin(), fields.end(),
                                    [&name](const Field& f) { return f.name == name; });
    if (field == fields.end()) {
      warn_unknown(entry.first, fields, path);
    } else if (!entry.second.IsNull()) {
      check_value(entry.second, *field, join_path(path, name));
      if (!field->moved_to.empty()) {
        legacy_moves.emplace_back(&*field, warn_legacy_key(entry.first, node, *field, path));
      }
    }
  }
  // Moved after the loop, which must not see the map change.
  for (const auto& [field, keep_value] : legacy_moves) move_legacy_key(node, *field, keep_value);

  const YAML::Node& view = node;
  for (const auto& field : fields) {
    const YAML::Node value = view[std::string(field.name)];
    if (field.required && (!value || value.IsNull())) {
      fail(node, "`" + path + "` needs the key `" + std::string(field.name) + "`",
           "add `" + std::string(field.name) + ": ...` to it");
    }
  }
}

void Validator::check_value(YAML::Node value, const Field& field, const std::string& path) {
  switch (field.kind) {
    case Kind::map:
      if (!value.IsMap()) fail_type(value, field, path);
      check_map(value, field.children, path);
      return;
    case Kind::servers:
      check_servers(value, field);
      return;
    case Kind::string_list:
    case Kind::map_list: {
      if (!value.IsSequence()) fail_type(value, field, path);
      if (static_cast<double>(value.size()) < field.min) {
        fail(value, "`" + path + "` must not be empty",
             "write it like `" + describe_example(field) + "`");
      }
      for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string item_path = path + "[" + std::to_string(i) + "]";
        YAML::Node item = value[i];
        if (field.kind == Kind::map_list) {
          if (!item.IsMap()) fail_type(item, field, item_path);
          check_map(item, field.children, item_path);
        } else {
          Field item_field = field;
          item_field.kind = Kind::string;
          check_scalar(item, item_field, item_path);
        }
      }
      return;
    }
    default:
      check_scalar(value, field, path);
  }
}

void Validator::check_servers(YAML::Node node, const Field& field) {
  if (!node.IsMap()) fail_type(node, field, "servers");
  expand_merge_keys(node);
  std::set<std::string> seen;
  for (const auto& entry : node) {
    const std::string name = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
    if (name.empty()) {
      fail(entry.first, "a server name below `servers` is empty or not a plain name",
           "name each server with a word, e.g. `default:`");
    }
    const std::string path = "servers." + name;
    if (!seen.insert(name).second) warn_duplicate(entry.first, path);
    if (entry.second.IsNull()) continue;
    if (!entry.second.IsMap()) {
      fail(entry.second,
           "`" + path + "` must be a map of keys, got " +
               (entry.second.IsSequence() ? "a list" : "a single value"),
           "indent the server's keys below it, e.g. `" + name + ": {api: {domain: example.org}}`");
    }
    // The section's warnings and first error are kept per server and
    // reported only when that server is selected.
    ServerIssues& issues = servers_[name];
    std::vector<std::string> general;
    general.swap(warnings_);
    try {
      check_map(entry.second, field.children, path);
    } catch (const Error& error) {
      if (!issues.failure) issues.failure = error.failure();
    }
    issues.warnings.insert(issues.warnings.end(), warnings_.begin(), warnings_.end());
    warnings_.swap(general);
  }
}

void Validator::check_scalar(YAML::Node value, const Field& field, const std::string& path) {
  if (!value.IsScalar()) fail_type(value, field, path);
  const std::string& text = value.Scalar();

  switch (field.kind) {
    case Kind::string:
      if (!field.choices.empty()) {
        const std::string choice = lower(text);
        if (std::find(field.choices.begin(), field.choices.end(), choice) == field.choices.end()) {
          fail_type(value, field, path);
        }
        value = choice;
      }
      return;
    case Kind::integer: {
      const auto number = parse_integer(text);
      if (!number || static_cast<double>(*number) < field.min ||
          static_cast<double>(*number) > field.max) {
        fail_type(value, field, path);
      }
      return;
    }
    case Kind::number: {
      const auto number = parse_number(text);
      if (!number || *number < field.min || *number > field.max) fail_type(value, field, path);
      return;
    }
    case Kind::boolean: {
      const auto flag = parse_boolean(text);
      if (!flag) fail_type(value, field, path);
      value = *flag ? "true" : "false";
      return;
    }
    case Kind::url: {
      if (!is_http_url(text)) fail_type(value, field, path);
      // Only the base URL loses its trailing slashes: paths are appended to
      // it, while OIDC endpoints and issuers are compared as written.
      if (field.name == "base_url") {
        std::string trimmed = text;
        while (trimmed.ends_with('/')) trimmed.pop_back();
        value = trimmed;
      }
      return;
    }
    default:
      return;
  }
}

// yaml-cpp 0.7.0 keeps `<<: *anchor` as an ordinary key, while the PyYAML
// family used by MatrixCtl merges the anchored map in. Keys written in the
// map win, then earlier merged maps over later ones.
void Validator::expand_merge_keys(YAML::Node node) {
  const YAML::Node& view = node;
  const YAML::Node merge = view["<<"];
  if (!merge) return;

  std::vector<YAML::Node> sources;
  if (merge.IsMap()) {
    sources.push_back(merge);
  } else if (merge.IsSequence()) {
    for (const auto& item : merge) {
      if (!item.IsMap()) {
        fail(item, "a YAML merge key `<<` lists something that is not a map",
             "merge only anchored maps, e.g. `<<: *defaults`");
      }
      sources.push_back(item);
    }
  } else {
    fail(merge, "a YAML merge key `<<` must refer to a map",
         "write `<<: *defaults` with `&defaults` on a map");
  }

  node.remove("<<");
  for (const auto& source : sources) {
    for (const auto& entry : source) {
      const std::string& key = entry.first.Scalar();
      if (!view[key]) node[key] = entry.second;
    }
  }
}

bool Validator::warn_legacy_key(const YAML::Node& key, const YAML::Node& map, const Field& field,
                                const std::string& path) {
  const std::string old_path = join_path(path, field.name);
  const std::string new_path = join_path(path, field.moved_to);
  const YAML::Node target = find_node(map, field.moved_to);
  if (target && !target.IsNull()) {
    warnings_.push_back(file_.position(key.Mark()) + ": `" + old_path +
                        "` is deprecated and ignored because `" + new_path +
                        "` is also set; remove it");
    return false;
  }
  warnings_.push_back(file_.position(key.Mark()) + ": `" + old_path +
                      "` is deprecated; move it to `" + new_path + "`");
  return true;
}

void Validator::move_legacy_key(YAML::Node map, const Field& field, bool keep_value) {
  const std::string name(field.name);
  if (keep_value) {
    const YAML::Node& view = map;
    const auto dot = field.moved_to.find('.');
    map[std::string(field.moved_to.substr(0, dot))][std::string(field.moved_to.substr(dot + 1))] =
        view[name];
  }
  map.remove(name);
}

void Validator::warn_unknown(const YAML::Node& key, std::span<const Field> fields,
                             const std::string& path) {
  const std::string& name = key.Scalar();
  std::string text =
      file_.position(key.Mark()) + ": unknown key `" + join_path(path, name) + "` is ignored";
  if (path.empty()) text += " except as a template variable";

  std::vector<std::string> siblings;
  for (const auto& field : fields) siblings.emplace_back(field.name);
  std::optional<std::string> suggestion = closest_match(name, siblings);
  // A known key one level too high, like `servers.default.domain` for
  // `servers.default.api.domain`.
  for (const auto& field : fields) {
    if (suggestion) break;
    for (const auto& child : field.children) {
      if (child.name == name) suggestion = std::string(field.name) + "." + name;
    }
  }
  if (suggestion) text += "; did you mean `" + join_path(path, *suggestion) + "`?";
  warnings_.push_back(std::move(text));
}

void Validator::fail_type(const YAML::Node& value, const Field& field,
                          const std::string& path) const {
  std::string got;
  if (value.IsSequence()) {
    got = "a list";
  } else if (value.IsMap()) {
    got = "a map";
  } else if (is_secret_key(field.name)) {
    got = "a single value";
  } else {
    got = "`" + value.Scalar() + "`";
  }
  fail(value, "`" + path + "` must be " + describe_expected(field) + ", got " + got,
       "write it like `" + describe_example(field) + "`");
}

}  // namespace

void validate(SourceFile& file, std::vector<std::string>& warnings,
              std::map<std::string, ServerIssues>& servers) {
  Validator(file, warnings, servers).check_map(file.root, schema::kRootFields, "");
}

}  // namespace matrixctl::config::detail
