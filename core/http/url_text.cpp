// URLs with their secrets removed, for logs and error messages.
#include "url_text.h"

#include "../log.h"

#include <array>

namespace matrixctl::http {
namespace {

constexpr std::array<std::string_view, 4> kSecretKeys = {"access_token", "password",
                                                         "refresh_token", "client_secret"};

bool is_secret_key(std::string_view key) {
  for (const auto secret : kSecretKeys) {
    if (key == secret) return true;
  }
  return false;
}

}  // namespace

std::string without_query(std::string_view url) {
  return std::string(url.substr(0, url.find_first_of("?#")));
}

std::string redact_query_secrets(std::string_view url) {
  const std::size_t question = url.find('?');
  if (question == std::string_view::npos) return std::string(url);
  std::string out(url.substr(0, question + 1));
  std::string_view rest = url.substr(question + 1);
  std::string_view fragment;
  if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos) {
    fragment = rest.substr(hash);
    rest = rest.substr(0, hash);
  }

  bool first = true;
  while (true) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    if (!first) out += '&';
    first = false;
    const std::size_t equals = pair.find('=');
    if (equals != std::string_view::npos && is_secret_key(pair.substr(0, equals))) {
      out.append(pair.substr(0, equals + 1));
      out += log::redacted(pair.substr(equals + 1));
    } else {
      out.append(pair);
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  out.append(fragment);
  return out;
}

}  // namespace matrixctl::http
