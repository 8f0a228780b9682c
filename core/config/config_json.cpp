// JSON text of config nodes, dotted look-ups and secret redaction for debug output.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <limits>

#include "config/config_internal.h"
#include "log.h"

namespace matrixctl::config::detail {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

bool is_yaml_null(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

std::optional<bool> yaml_bool(std::string_view text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

std::optional<long long> yaml_int(std::string_view text) {
  int base = 10;
  std::string_view digits = text;
  bool negative = false;
  if (digits.starts_with("0x")) {
    base = 16;
    digits.remove_prefix(2);
  } else if (digits.starts_with("0o")) {
    base = 8;
    digits.remove_prefix(2);
  } else if (digits.starts_with('-') || digits.starts_with('+')) {
    negative = digits.front() == '-';
    digits.remove_prefix(1);
  }
  if (digits.empty()) return std::nullopt;
  unsigned long long magnitude = 0;
  const auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  if (magnitude > static_cast<unsigned long long>(std::numeric_limits<long long>::max())) {
    return std::nullopt;
  }
  const auto value = static_cast<long long>(magnitude);
  return negative ? -value : value;
}

// YAML 1.2 core schema floats, without .inf and .nan, which JSON lacks.
std::optional<double> yaml_float(std::string_view text) {
  std::string_view rest = text;
  if (rest.starts_with('-') || rest.starts_with('+')) rest.remove_prefix(1);
  bool digit_seen = false;
  bool dot_seen = false;
  std::size_t i = 0;
  for (; i < rest.size(); ++i) {
    const char c = rest[i];
    if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
      digit_seen = true;
    } else if (c == '.' && !dot_seen) {
      dot_seen = true;
    } else {
      break;
    }
  }
  if (!digit_seen) return std::nullopt;
  if (i < rest.size()) {
    if (rest[i] != 'e' && rest[i] != 'E') return std::nullopt;
    std::size_t j = i + 1;
    if (j < rest.size() && (rest[j] == '-' || rest[j] == '+')) ++j;
    if (j == rest.size()) return std::nullopt;
    for (; j < rest.size(); ++j) {
      if (std::isdigit(static_cast<unsigned char>(rest[j])) == 0) return std::nullopt;
    }
  }
  return std::strtod(std::string(text).c_str(), nullptr);
}

void write_scalar(JsonWriter& writer, const YAML::Node& node) {
  const std::string& text = node.Scalar();
  // yaml-cpp tags a plain (unquoted) scalar "?" and a quoted one "!". A
  // value set by the loader, such as a default, has no tag and reads as plain.
  if (node.Tag() == "?" || node.Tag().empty()) {
    if (is_yaml_null(text)) {
      writer.Null();
      return;
    }
    if (const auto flag = yaml_bool(text)) {
      writer.Bool(*flag);
      return;
    }
    if (const auto number = yaml_int(text)) {
      writer.Int64(*number);
      return;
    }
    if (const auto number = yaml_float(text)) {
      writer.Double(*number);
      return;
    }
  }
  writer.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
}

// `hide` replaces every scalar below with its redacted form.
void write_node(JsonWriter& writer, const YAML::Node& node, bool redact, bool hide) {
  if (!node || node.IsNull()) {
    writer.Null();
  } else if (node.IsScalar()) {
    if (hide) {
      const std::string placeholder = log::redacted(node.Scalar());
      writer.String(placeholder.c_str(), static_cast<rapidjson::SizeType>(placeholder.size()));
    } else {
      write_scalar(writer, node);
    }
  } else if (node.IsSequence()) {
    writer.StartArray();
    for (const auto& item : node) write_node(writer, item, redact, hide);
    writer.EndArray();
  } else {
    writer.StartObject();
    for (const auto& entry : node) {
      const std::string& key = entry.first.Scalar();
      writer.Key(key.c_str(), static_cast<rapidjson::SizeType>(key.size()));
      // A map below a secret-looking key such as auth_token is walked, so
      // only its secret entries are hidden and `username` stays readable.
      const bool hide_value = hide || (redact && is_secret_key(key) && !entry.second.IsMap());
      write_node(writer, entry.second, redact, hide_value);
    }
    writer.EndObject();
  }
}

}  // namespace

bool is_secret_key(std::string_view key) {
  std::string lower(key);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "token" || lower == "password" || lower == "secret" || lower == "client_secret") {
    return true;
  }
  return lower.ends_with("_token") || lower.ends_with("_secret") || lower.ends_with("_password");
}

std::string to_json(const YAML::Node& node, bool redact_secrets) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  write_node(writer, node, redact_secrets, false);
  return {buffer.GetString(), buffer.GetSize()};
}

YAML::Node find_node(const YAML::Node& node, std::string_view dotted_key) {
  YAML::Node current = node;
  std::size_t begin = 0;
  while (true) {
    const auto dot = dotted_key.find('.', begin);
    const std::string part(dotted_key.substr(begin, dot - begin));
    // Look-ups go through a const reference, because a non-const
    // operator[] would add the missing key to the tree.
    const YAML::Node& view = current;
    YAML::Node child(YAML::NodeType::Undefined);
    if (view.IsMap()) {
      const YAML::Node found = view[part];
      if (found) child.reset(found);
    } else if (view.IsSequence()) {
      const auto index = yaml_int(part);
      if (index && *index >= 0 && static_cast<std::size_t>(*index) < view.size() &&
          std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        child.reset(view[static_cast<std::size_t>(*index)]);
      }
    }
    if (!child) return child;
    current.reset(child);
    if (dot == std::string_view::npos) return current;
    begin = dot + 1;
  }
}

}  // namespace matrixctl::config::detail
