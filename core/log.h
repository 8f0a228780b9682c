// Debug logging by category (-d), with secrets always redacted.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace matrixctl::log {

// Categories used by the core: "http", "auth", "plugin", "config".
// An empty `categories` with `enabled` true turns on every category;
// otherwise it is a comma-separated list.
void configure(bool enabled, std::string_view categories = {});
bool enabled(std::string_view category);

// Entries of a comma-separated category list that are not a core category.
std::vector<std::string> unknown_categories(std::string_view categories);

// Writes "matrixctl: debug: [<category>] <message>" to stderr when enabled.
void debug(std::string_view category, std::string_view message);

// Text to show in place of a secret: "<redacted, N chars>".
std::string redacted(std::string_view secret);

}  // namespace matrixctl::log
