// Requests to the provider's token-like endpoints: client authentication, token responses and OAuth
// errors.
#include "token_endpoint.h"

#include "base64.h"

#include <plugin_json.h>

#include <algorithm>
#include <cctype>

namespace matrixctl::auth_oidc {
namespace {

constexpr std::size_t kMaxDescriptionLength = 300;

// Provider text goes into a one-line terminal message, so line breaks and
// control bytes become spaces and long text is cut.
std::string one_line(std::string_view text) {
  std::string line;
  for (const char c : text) {
    line += static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? ' ' : c;
  }
  if (line.size() > kMaxDescriptionLength) line = line.substr(0, kMaxDescriptionLength) + "...";
  return line;
}

std::string hint_for(const std::string& error, const OidcConfig& config) {
  if (error == "invalid_client") {
    return "check " + config.key("client_id") + ", client_secret and client_auth_method";
  }
  if (error == "unauthorized_client") {
    return "allow this grant type for client " + config.client_id + " at the provider";
  }
  if (error == "invalid_scope") {
    return "check " + config.key("scopes") +
           "; MAS grants urn:synapse:admin:* only to users with can_request_admin";
  }
  if (error == "invalid_grant") {
    return "log in again: matrixctl -S " + config.server_name + " auth login";
  }
  if (error == "unsupported_grant_type") {
    return "the provider does not support this login flow; try the other one with " +
           config.key("flow");
  }
  return {};
}

bool equals_ignoring_case(std::string_view left, std::string_view right) {
  return std::equal(left.begin(), left.end(), right.begin(), right.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
}

}  // namespace

ProviderResponse post_with_client_auth(const sdk::Call& call, const OidcConfig& config,
                                       const std::string& url, FormFields fields) {
  std::vector<std::string> headers;
  fields.emplace_back("client_id", config.client_id);
  switch (config.client_auth_method) {
    case ClientAuthMethod::client_secret_post:
      fields.emplace_back("client_secret", config.client_secret);
      break;
    case ClientAuthMethod::client_secret_basic:
      // RFC 6749 section 2.3.1: both parts are form-encoded before base64.
      headers.push_back("Authorization: Basic " +
                        base64_encode(percent_encode(config.client_id) + ":" +
                                      percent_encode(config.client_secret)));
      break;
    case ClientAuthMethod::none: break;
  }
  return post_form(call, url, fields, headers);
}

OAuthError parse_oauth_error(std::string_view body) {
  rapidjson::Document document;
  document.Parse(body.data(), body.size());
  OAuthError error;
  if (document.HasParseError() || !document.IsObject()) return error;
  error.error = one_line(plugin::string_member(document, "error").value_or(""));
  error.description = one_line(plugin::string_member(document, "error_description").value_or(""));
  return error;
}

TokenResponse parse_token_response(std::string_view body, const std::string& endpoint) {
  const rapidjson::Document document = parse_provider_object(body, "POST " + endpoint);
  const auto text = [&document](const char* key) {
    return std::string(plugin::string_member(document, key).value_or(""));
  };
  TokenResponse tokens;
  tokens.access_token = text("access_token");
  tokens.token_type = text("token_type");
  tokens.refresh_token = text("refresh_token");
  tokens.id_token = text("id_token");
  tokens.scope = text("scope");
  const auto expires_in = document.FindMember("expires_in");
  if (expires_in != document.MemberEnd() && expires_in->value.IsNumber()) {
    tokens.expires_in = static_cast<int64_t>(expires_in->value.GetDouble());
  }

  if (tokens.access_token.empty()) {
    throw sdk::Error(MCTL_ERR_SERVER, "POST " + endpoint, "the token response has no access_token",
                     "check that this is the provider's token endpoint");
  }
  if (!tokens.token_type.empty() && !equals_ignoring_case(tokens.token_type, "Bearer")) {
    throw sdk::Error(MCTL_ERR_AUTH, "POST " + endpoint,
                     "the provider issued a token of type \"" + one_line(tokens.token_type) +
                         "\", but Synapse accepts only Bearer tokens");
  }
  return tokens;
}

sdk::Error oauth_request_error(const ProviderResponse& response, const std::string& endpoint,
                               const OidcConfig& config) {
  const OAuthError error = parse_oauth_error(response.body);
  const mctl_status status = response.status >= 500 ? MCTL_ERR_SERVER : MCTL_ERR_AUTH;
  std::string reason = "the provider returned HTTP " + std::to_string(response.status);
  if (error.error.empty()) {
    reason += " without an OAuth error code";
  } else {
    reason += " " + error.error;
    if (!error.description.empty()) reason += ": " + error.description;
  }
  return sdk::Error(status, "POST " + endpoint, reason, hint_for(error.error, config));
}

TokenResponse request_tokens(const sdk::Call& call, const OidcConfig& config,
                             const std::string& endpoint, FormFields fields) {
  const ProviderResponse response =
      post_with_client_auth(call, config, endpoint, std::move(fields));
  if (response.status != 200) throw oauth_request_error(response, endpoint, config);
  return parse_token_response(response.body, endpoint);
}

}  // namespace matrixctl::auth_oidc
