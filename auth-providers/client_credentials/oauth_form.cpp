// Form bodies and client authentication of OAuth 2.0 token and revocation
// requests (RFC 6749 appendix B and section 2.3.1, RFC 7009).
#include "oauth_form.h"

#include <cctype>

namespace matrixctl::auth_client_credentials {
namespace {

// Adds the client's credentials as its auth method requires.
ClientRequest with_client_auth(const ClientSettings& settings, FormFields fields) {
  ClientRequest request;
  if (settings.auth_method == ClientAuthMethod::client_secret_basic) {
    request.headers.push_back(basic_authorization(settings.client_id, settings.client_secret));
  } else {
    fields.emplace_back("client_id", settings.client_id);
    fields.emplace_back("client_secret", settings.client_secret);
  }
  request.body = form_body(fields);
  return request;
}

}  // namespace

std::string form_encode(std::string_view text) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(c);
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0F]);
    }
  }
  return out;
}

std::string form_body(const FormFields& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body += '&';
    body += form_encode(name);
    body += '=';
    body += form_encode(value);
  }
  return body;
}

std::string base64_encode(std::string_view bytes) {
  constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t group = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                           static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                           static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 2]));
    out.push_back(kAlphabet[(group >> 18) & 0x3F]);
    out.push_back(kAlphabet[(group >> 12) & 0x3F]);
    out.push_back(kAlphabet[(group >> 6) & 0x3F]);
    out.push_back(kAlphabet[group & 0x3F]);
  }

  const std::size_t left = bytes.size() - i;
  if (left == 0) return out;
  uint32_t group = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
  if (left == 2) group |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
  out.push_back(kAlphabet[(group >> 18) & 0x3F]);
  out.push_back(kAlphabet[(group >> 12) & 0x3F]);
  out.push_back(left == 2 ? kAlphabet[(group >> 6) & 0x3F] : '=');
  out.push_back('=');
  return out;
}

std::string basic_authorization(std::string_view client_id, std::string_view client_secret) {
  return "Authorization: Basic " +
         base64_encode(form_encode(client_id) + ":" + form_encode(client_secret));
}

ClientRequest token_request(const ClientSettings& settings) {
  return with_client_auth(settings,
                          {{"grant_type", "client_credentials"}, {"scope", settings.scope}});
}

ClientRequest revocation_request(const ClientSettings& settings, std::string_view access_token) {
  return with_client_auth(settings, {{"token", std::string(access_token)},
                                     {"token_type_hint", "access_token"}});
}

}  // namespace matrixctl::auth_client_credentials
