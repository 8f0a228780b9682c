// Percent-encoding of URL query strings and application/x-www-form-urlencoded bodies.
#include "form.h"

namespace matrixctl::auth_oidc {
namespace {

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string percent_encode(std::string_view text) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  encoded.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (is_unreserved(byte)) {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 0x0F];
    }
  }
  return encoded;
}

std::string form_decode(std::string_view text) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      decoded += ' ';
      continue;
    }
    if (c == '%' && i + 2 < text.size()) {
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        decoded += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    decoded += c;
  }
  return decoded;
}

std::string encode_form(const FormFields& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body += '&';
    body += percent_encode(name);
    body += '=';
    body += percent_encode(value);
  }
  return body;
}

FormFields parse_query(std::string_view query) {
  FormFields fields;
  while (!query.empty()) {
    const std::size_t end = query.find('&');
    const std::string_view pair = query.substr(0, end);
    if (!pair.empty()) {
      const std::size_t equals = pair.find('=');
      if (equals == std::string_view::npos) {
        fields.emplace_back(form_decode(pair), std::string());
      } else {
        fields.emplace_back(form_decode(pair.substr(0, equals)),
                            form_decode(pair.substr(equals + 1)));
      }
    }
    if (end == std::string_view::npos) break;
    query.remove_prefix(end + 1);
  }
  return fields;
}

const std::string* find_field(const FormFields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (key == name) return &value;
  }
  return nullptr;
}

std::string append_query(std::string_view url, const FormFields& fields) {
  const std::size_t hash = url.find('#');
  const std::string_view base = url.substr(0, hash);
  const std::string_view fragment = hash == std::string_view::npos ? "" : url.substr(hash);

  std::string result(base);
  const std::string query = encode_form(fields);
  if (!query.empty()) {
    if (base.find('?') == std::string_view::npos) {
      result += '?';
    } else if (base.back() != '?' && base.back() != '&') {
      result += '&';
    }
    result += query;
  }
  result += fragment;
  return result;
}

}  // namespace matrixctl::auth_oidc
