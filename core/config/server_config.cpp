// Look-ups in the section of the selected server, with the defaults MatrixCtl applies.
#include <algorithm>
#include <cctype>
#include <charconv>

#include "config/config.h"
#include "config/config_internal.h"
#include "diagnostics.h"

namespace matrixctl::config {
namespace {

// Host of an http(s) URL, with the brackets of an IPv6 literal kept.
std::string host_of(const std::string& url) {
  auto begin = url.find("://");
  begin = begin == std::string::npos ? 0 : begin + 3;
  const auto end = url.find_first_of("/?#", begin);
  std::string authority =
      url.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  if (const auto at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  if (authority.starts_with('[')) {
    const auto bracket = authority.find(']');
    return bracket == std::string::npos ? authority : authority.substr(0, bracket + 1);
  }
  return authority.substr(0, authority.find(':'));
}

}  // namespace

ServerConfig::ServerConfig(std::string name, YAML::Node node, std::string source_file)
    : name_(std::move(name)), node_(std::move(node)), source_file_(std::move(source_file)) {}

std::optional<std::string> ServerConfig::lookup(const std::string& dotted_key) const {
  const YAML::Node found = detail::find_node(node_, dotted_key);
  if (!found || found.IsNull()) return std::nullopt;
  if (found.IsScalar()) return found.Scalar();
  return detail::to_json(found, false);
}

std::string ServerConfig::base_url() const {
  if (auto url = lookup("api.base_url"); url && !url->empty()) {
    while (url->ends_with('/')) url->pop_back();
    return *url;
  }
  if (const auto domain = lookup("api.domain"); domain && !domain->empty()) {
    return "https://matrix." + *domain;
  }
  throw Error(MCTL_ERR_CONFIG, "server \"" + name_ + "\"",
              "neither api.domain nor api.base_url is set in " + source_file_,
              "add `api: {domain: example.org}` below servers." + name_ +
                  ", or api.base_url such as http://127.0.0.1:8008");
}

std::string ServerConfig::domain() const {
  if (const auto domain = lookup("api.domain"); domain && !domain->empty()) return *domain;
  if (const auto url = lookup("api.base_url"); url && !url->empty()) {
    const std::string host = host_of(*url);
    if (!host.empty()) return host;
  }
  throw Error(MCTL_ERR_CONFIG, "server \"" + name_ + "\"",
              "neither api.domain nor api.base_url is set in " + source_file_,
              "add `api: {domain: example.org}` below servers." + name_);
}

std::string ServerConfig::auth_type() const {
  std::string type = lookup("api.auth_type").value_or("token");
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type.empty() ? "token" : type;
}

unsigned ServerConfig::concurrent_limit() const {
  const auto text = lookup("api.concurrent_limit");
  if (!text) return 4;
  unsigned limit = 0;
  const char* end = text->data() + text->size();
  const auto result = std::from_chars(text->data(), end, limit);
  if (result.ec != std::errc() || result.ptr != end) {
    throw Error(MCTL_ERR_CONFIG, "server \"" + name_ + "\"",
                "api.concurrent_limit in " + source_file_ + " is not a whole number",
                "write it like `concurrent_limit: 4`");
  }
  return std::max(limit, 1u);
}

}  // namespace matrixctl::config
