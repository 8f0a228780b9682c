// Percent-encoding of URL query strings and application/x-www-form-urlencoded bodies.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace matrixctl::auth_oidc {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// Encodes every byte except the RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~).
std::string percent_encode(std::string_view text);

// Decodes a form or query value: "+" becomes a space and "%XX" its byte. A
// "%" without two hex digits stays as it is.
std::string form_decode(std::string_view text);

// Encodes `fields` as "k1=v1&k2=v2" in the given order.
std::string encode_form(const FormFields& fields);

// Splits a query string (without "?") into decoded fields, in order.
FormFields parse_query(std::string_view query);

// Returns the value of the first field named `name`, or nullptr.
const std::string* find_field(const FormFields& fields, std::string_view name);

// Appends `fields` to `url` with "?" or, when the URL already has a query,
// "&". A fragment stays at the end.
std::string append_query(std::string_view url, const FormFields& fields);

}  // namespace matrixctl::auth_oidc
