// Percent-encoding of IDs in paths and query strings, and URL joining.
#include "ids.h"

#include <stdexcept>

namespace matrixctl::http {
namespace {

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

std::string percent_encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size() * 3);
  for (const char ch : value) {
    const auto byte = static_cast<unsigned char>(ch);
    if (is_unreserved(byte)) {
      out += ch;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

}  // namespace

std::string encode_segment(std::string_view value) { return percent_encode(value); }

std::string encode_query_component(std::string_view value) { return percent_encode(value); }

std::string expand_path(std::string_view pattern, const std::vector<std::string>& args) {
  std::string out;
  out.reserve(pattern.size() + 32);
  std::size_t next_arg = 0;
  std::size_t pos = 0;
  while (pos < pattern.size()) {
    const std::size_t hole = pattern.find("{}", pos);
    if (hole == std::string_view::npos) {
      out.append(pattern.substr(pos));
      break;
    }
    out.append(pattern.substr(pos, hole - pos));
    if (next_arg >= args.size()) {
      throw std::invalid_argument("path \"" + std::string(pattern) + "\" has more {} than the " +
                                  std::to_string(args.size()) + " arguments given");
    }
    out += encode_segment(args[next_arg++]);
    pos = hole + 2;
  }
  if (next_arg != args.size()) {
    throw std::invalid_argument("path \"" + std::string(pattern) + "\" has " +
                                std::to_string(next_arg) + " {} but " +
                                std::to_string(args.size()) + " arguments were given");
  }
  return out;
}

std::string build_query(const std::vector<std::pair<std::string, std::string>>& query) {
  std::string out;
  for (const auto& [key, value] : query) {
    out += out.empty() ? '?' : '&';
    out += encode_query_component(key);
    out += '=';
    out += encode_query_component(value);
  }
  return out;
}

std::string join_url(std::string_view base_url, std::string_view path) {
  while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
  std::string out(base_url);
  if (path.empty()) return out;
  if (path.front() != '/') out += '/';
  out.append(path);
  return out;
}

}  // namespace matrixctl::http
