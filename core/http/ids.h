// Percent-encoding of Matrix IDs in URL paths and query strings. Every user,
// room, event and alias ID that goes into a path passes through
// expand_path(), which encodes each argument exactly once as one segment.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace matrixctl::http {

// Encodes everything except RFC 3986 unreserved characters, so "/", "#",
// "@", ":" and "!" in an ID cannot change the path's structure.
std::string encode_segment(std::string_view value);

// Encodes a query key or value (same set as encode_segment).
std::string encode_query_component(std::string_view value);

// Replaces each "{}" in `pattern` with the next argument, encoded with
// encode_segment(). Throws std::invalid_argument when the counts differ.
std::string expand_path(std::string_view pattern, const std::vector<std::string>& args);

// "?k=v&k2=v2" (encoded), or "" when `query` is empty.
std::string build_query(const std::vector<std::pair<std::string, std::string>>& query);

// base_url without trailing slashes + path (a leading "/" added if missing).
std::string join_url(std::string_view base_url, std::string_view path);

}  // namespace matrixctl::http
