// Debug logging by category.
#include "log.h"

#include <cstdio>

namespace matrixctl::log {
namespace {

bool g_enabled = false;
std::string g_categories;  // empty = all

}  // namespace

void configure(bool on, std::string_view categories) {
  g_enabled = on;
  g_categories = std::string(categories);
}

bool enabled(std::string_view category) {
  if (!g_enabled) return false;
  if (g_categories.empty()) return true;
  std::string_view rest = g_categories;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    if (rest.substr(0, comma) == category) return true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

std::vector<std::string> unknown_categories(std::string_view categories) {
  std::vector<std::string> unknown;
  while (!categories.empty()) {
    const auto comma = categories.find(',');
    const auto category = categories.substr(0, comma);
    if (!category.empty() && category != "http" && category != "auth" && category != "plugin" &&
        category != "config") {
      unknown.emplace_back(category);
    }
    if (comma == std::string_view::npos) break;
    categories.remove_prefix(comma + 1);
  }
  return unknown;
}

void debug(std::string_view category, std::string_view message) {
  if (!enabled(category)) return;
  std::fprintf(stderr, "matrixctl: debug: [%.*s] %.*s\n", static_cast<int>(category.size()),
               category.data(), static_cast<int>(message.size()), message.data());
}

std::string redacted(std::string_view secret) {
  return "<redacted, " + std::to_string(secret.size()) + " chars>";
}

}  // namespace matrixctl::log
